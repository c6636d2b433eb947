package fi.laituri.site.hyphenation;

import java.util.HashMap;

/**
 * The stored form of Apache FOP's {@code org.apache.fop.hyphenation.HyphenationTree}: the patterns (this tree, its
 * values packed in {@code vspace}), the letters with their normal forms ({@code classmap}) and the exceptions
 * ({@code stoplist}, a word to its parts and {@link Hyphen}s).
 */
class HyphenationTree extends TernaryTree {

    private static final long serialVersionUID = -7842107987915665573L;

    TernaryTree classmap;
    HashMap<String, java.util.List<Object>> stoplist;
    ByteVector vspace;

    /** A pattern's inter-letter values, unpacked: two to a byte, each plus one, a zero ending them. */
    byte[] values(int offset) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int k = offset; vspace.array[k] != 0; k++) {
            byte v = vspace.array[k];
            out.write(((v & 0xf0) >>> 4) - 1);
            if ((v & 0x0f) == 0) {
                break;
            }
            out.write((v & 0x0f) - 1);
        }
        return out.toByteArray();
    }
}
