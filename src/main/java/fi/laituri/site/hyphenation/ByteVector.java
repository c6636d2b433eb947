package fi.laituri.site.hyphenation;

import java.io.Serializable;

/** The stored form of Apache FOP's {@code org.apache.fop.hyphenation.ByteVector}. */
class ByteVector implements Serializable {

    private static final long serialVersionUID = 1554572867863466772L;

    int blockSize;
    byte[] array;
    int n;
}
