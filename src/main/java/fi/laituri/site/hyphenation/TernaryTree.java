package fi.laituri.site.hyphenation;

import java.io.Serializable;

/**
 * The stored form of Apache FOP's {@code org.apache.fop.hyphenation.TernaryTree}, field for field, so that the
 * compiled pattern files can be read without FOP: a ternary search tree of strings to char values. A node {@code p}
 * splits on {@code sc[p]}; {@code sc[p] == 0} ends a key whose value is {@code eq[p]}; {@code sc[p] == 0xFFFF} is a
 * leaf whose key's rest is in {@code kv} from {@code lo[p]} (zero-terminated), its value {@code eq[p]}.
 */
class TernaryTree implements Serializable {

    private static final long serialVersionUID = 3175412271203716160L;

    char[] lo;
    char[] hi;
    char[] eq;
    char[] sc;
    CharVector kv;
    char root;
    char freenode;
    int length;

    /** Every key and its value. */
    void each(java.util.function.BiConsumer<String, Character> visit) {
        walk(root, new StringBuilder(), visit);
    }

    private void walk(char p, StringBuilder prefix, java.util.function.BiConsumer<String, Character> visit) {
        if (p == 0) {
            return;
        }
        if (sc[p] == 0xFFFF) {
            StringBuilder key = new StringBuilder(prefix);
            for (int i = lo[p]; kv.array[i] != 0; i++) {
                key.append(kv.array[i]);
            }
            visit.accept(key.toString(), eq[p]);
            return;
        }
        walk(lo[p], prefix, visit);
        if (sc[p] == 0) {
            visit.accept(prefix.toString(), eq[p]);
        } else {
            prefix.append(sc[p]);
            walk(eq[p], prefix, visit);
            prefix.setLength(prefix.length() - 1);
        }
        walk(hi[p], prefix, visit);
    }
}
