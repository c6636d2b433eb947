package fi.laituri.site;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A writer that encodes what the templates write into UTF-8 bytes as it comes: a page goes from the templates to
 * its file's bytes with no string in between. A {@link java.io.StringWriter} copies every character into a
 * synchronised buffer (two bytes each from the page's first character outside Latin-1, a dash or a '›' of the
 * frame), then the whole page once more into a string, and the encoder reads it a third time; that was a tenth of
 * a full build's time.
 *
 * <p>Encodes as {@link String#getBytes(java.nio.charset.Charset)} does: a surrogate pair, even one split between
 * two writes, is one four-byte character, and a lone surrogate is written as '?'. Not thread-safe; one page each.
 */
final class Utf8Writer extends Writer {

    private byte[] bytes;
    private int count;
    /** Whether the buffer has gone back to the thread ({@link #toByteArray}). */
    private boolean handedBack;
    /** A high surrogate whose low half has not been written yet; 0 when none. */
    private char high;

    Utf8Writer(int capacity) {
        byte[] spare = SPARE.get();
        if (spare != null && spare.length >= capacity) {
            SPARE.set(null);
            bytes = spare;
        } else {
            bytes = new byte[Math.max(16, capacity)];
        }
    }

    /**
     * Each thread's buffer of its last page, taken by its next writer: a fresh 32 KB buffer for every page was a seventh
     * of what a full build allocated. A writer made while another is writing on the same thread (none is, but nothing
     * forbids it) finds none and makes its own.
     */
    private static final ThreadLocal<byte[]> SPARE = new ThreadLocal<>();
    /** A larger buffer, grown for a large file, is not kept. */
    private static final int SPARE_MAX = 256 * 1024;

    @Override
    public void write(int c) {
        room(4);
        put((char) c);
    }

    @Override
    public void write(char[] chars) {
        write(chars, 0, chars.length);
    }

    @Override
    public void write(char[] chars, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, chars.length);
        if (high == 0 && off == 0 && len == chars.length && len >= CACHED_CHARS) {
            byte[] encoded = encoded(chars);
            if (encoded != null) {
                room(encoded.length);
                System.arraycopy(encoded, 0, bytes, count, encoded.length);
                count += encoded.length;
                return;
            }
        }
        if (high == 0) {
            // A template's text between its tags is nearly always ASCII: copied as it is, with no string made for it.
            room(len);
            int ascii = 0;
            while (ascii < len && chars[off + ascii] < 0x80) {
                bytes[count + ascii] = (byte) chars[off + ascii];
                ascii++;
            }
            count += ascii;
            if (ascii == len) {
                return;
            }
            off += ascii;
            len -= ascii;
        }
        write(new String(chars, off, len));
    }

    @Override
    public void write(String s, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, s.length());
        if (high == 0 && len > 0 && !Character.isHighSurrogate(s.charAt(off + len - 1))) {
            // The JDK's encoder: whole strings at a time, an ASCII one by a vectorised test and a copy.
            byte[] encoded = (off == 0 && len == s.length() ? s : s.substring(off, off + len)).getBytes(StandardCharsets.UTF_8);
            room(encoded.length);
            System.arraycopy(encoded, 0, bytes, count, encoded.length);
            count += encoded.length;
            return;
        }
        // A surrogate pair may be split between this write and the one before or after it.
        room(3 * len + 1);
        for (int i = off; i < off + len; i++) {
            put(s.charAt(i));
        }
    }

    /**
     * Text as long as this, written whole from an array, is kept encoded: it is a template's text (Pebble writes a text
     * node's own array), the same for every page, such as the inline CSS, which is half of each page.
     */
    private static final int CACHED_CHARS = 1024;
    private static final int CACHED_MAX = 256;

    /** The encoded text by the array written, and a copy of what it held then, compared at each use: an array may change. */
    private record Encoded(char[] chars, byte[] bytes) {
    }

    private static final Map<char[], Encoded> ENCODED = Collections.synchronizedMap(new WeakHashMap<>());

    /** The UTF-8 of {@code chars}, kept for the next page; null when it ends in half a surrogate pair. */
    private static byte[] encoded(char[] chars) {
        Encoded kept = ENCODED.get(chars);
        if (kept != null && Arrays.equals(kept.chars(), chars)) {
            return kept.bytes();
        }
        if (Character.isHighSurrogate(chars[chars.length - 1])) {
            return null;
        }
        byte[] encoded = new String(chars).getBytes(StandardCharsets.UTF_8);
        if (ENCODED.size() < CACHED_MAX) {
            ENCODED.put(chars, new Encoded(chars.clone(), encoded));
        }
        return encoded;
    }

    @Override
    public void write(String s) {
        write(s, 0, s.length());
    }

    @Override
    public Writer append(CharSequence csq) {
        String s = String.valueOf(csq);
        write(s, 0, s.length());
        return this;
    }

    /** One character; the caller has made room for three bytes a character, and one more (a '?' for a lone high surrogate). */
    private void put(char c) {
        if (high != 0) {
            char h = high;
            high = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(h, c);
                bytes[count++] = (byte) (0xF0 | (cp >> 18));
                bytes[count++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                bytes[count++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                bytes[count++] = (byte) (0x80 | (cp & 0x3F));
                return;
            }
            bytes[count++] = '?';
        }
        if (c < 0x80) {
            bytes[count++] = (byte) c;
        } else if (c < 0x800) {
            bytes[count++] = (byte) (0xC0 | (c >> 6));
            bytes[count++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            high = c;
        } else if (Character.isLowSurrogate(c)) {
            bytes[count++] = '?';
        } else {
            bytes[count++] = (byte) (0xE0 | (c >> 12));
            bytes[count++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            bytes[count++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void room(int more) {
        if (count + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
        }
    }

    /**
     * The bytes written so far; a high surrogate left without its low half is a '?'. The buffer goes back to the thread
     * for its next writer, and this one goes on (if written again) from the copy.
     */
    byte[] toByteArray() {
        if (high != 0) {
            room(1);
            bytes[count++] = '?';
            high = 0;
        }
        byte[] out = Arrays.copyOf(bytes, count);
        if (!handedBack && bytes.length <= SPARE_MAX && SPARE.get() == null) {
            SPARE.set(bytes);
        }
        // Never written into again, whether handed back or not: a write from now on grows a copy.
        handedBack = true;
        bytes = out;
        return out;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
