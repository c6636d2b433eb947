package fi.laituri.site.hyphenation;

import java.io.Serializable;

/** The stored form of Apache FOP's {@code org.apache.fop.hyphenation.CharVector}. */
class CharVector implements Serializable {

    private static final long serialVersionUID = 4263472982169004048L;

    int blockSize;
    char[] array;
    int n;
}
