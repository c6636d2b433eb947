package fi.laituri.site;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SHA-256 of what an output is made from: strings, numbers, lists, maps and records, each written
 * with its type and length so that different inputs never write the same bytes. Maps are read in key
 * order, so a {@code Map.of} fingerprints the same in every JVM. Two outputs with one fingerprint are
 * the same output, which lets a build skip rendering what has not changed.
 */
final class Fingerprint {

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private final MessageDigest sha;
    /** The bytes of {@link #tag(char, int)}, reused by each tag of this fingerprint. */
    private final byte[] tag = new byte[5];

    /**
     * A fresh digest to copy: a build makes two fingerprints for each file, and {@link MessageDigest#getInstance} looks
     * the algorithm up among the security providers every time (1 % of a full build's CPU).
     */
    private static final MessageDigest SHA_256 = sha256();

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Fingerprint() {
        MessageDigest copy;
        try {
            copy = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            // A provider whose digests cannot be copied: a new one each time, as before.
            copy = sha256();
        }
        sha = copy;
    }

    static String of(Object... parts) {
        Fingerprint f = new Fingerprint();
        for (Object part : parts) {
            f.add(part);
        }
        return f.hex();
    }

    static String ofBytes(byte[] bytes) {
        Fingerprint f = new Fingerprint();
        f.sha.update(bytes);
        return f.hex();
    }

    private String hex() {
        return HexFormat.of().formatHex(sha.digest(), 0, 20);
    }

    private void add(Object value) {
        if (value == null) {
            tag('0', 0);
        } else if (value instanceof CharSequence s) {
            byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
            tag('s', bytes.length);
            sha.update(bytes);
        } else if (value instanceof Collection<?> c) {
            tag('l', c.size());
            c.forEach(this::add);
        } else if (value instanceof Map<?, ?> m) {
            tag('m', m.size());
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            sorted.forEach((k, v) -> {
                add(k);
                add(v);
            });
        } else if (value instanceof Record r) {
            RecordComponent[] components = COMPONENTS.get(r.getClass());
            tag('r', components.length);
            add(r.getClass().getName());
            for (RecordComponent c : components) {
                try {
                    add(c.getAccessor().invoke(r));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
                }
            }
        } else if (value instanceof byte[] b) {
            tag('b', b.length);
            sha.update(b);
        } else {
            // numbers, booleans, enums, dates: their text says all there is
            add(value.getClass().getSimpleName() + ":" + value);
        }
    }

    /** A value's type and length, in one update: the digest takes a byte at a time no quicker than five. */
    private void tag(char type, int length) {
        tag[0] = (byte) type;
        tag[1] = (byte) (length >>> 24);
        tag[2] = (byte) (length >>> 16);
        tag[3] = (byte) (length >>> 8);
        tag[4] = (byte) length;
        sha.update(tag);
    }
}
