package fi.laituri.site.hyphenation;

import java.io.Serializable;

/** The stored form of Apache FOP's {@code org.apache.fop.hyphenation.Hyphen}: an exception's break. */
class Hyphen implements Serializable {

    String preBreak;
    String noBreak;
    String postBreak;
}
