package fi.laituri.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The EXIF orientation of a JPEG (1 to 8: how its stored pixels turn to be upright, as a camera held sideways
 * records it), and its pixels turned upright. Image decoders ignore it, and the site's variants carry no EXIF, so
 * without this a portrait photo would show lying on its side. Anything unreadable counts as 1, upright as stored.
 */
final class Orientation {

    private static final int EXIF_ORIENTATION = 0x0112;
    private static final int MAX_SEGMENTS = 64;

    private Orientation() {
    }

    /** The orientation in the JPEG's EXIF segment, or 1. */
    static int of(Path jpeg) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(jpeg)))) {
            if (in.readUnsignedShort() != 0xFFD8) {
                return 1;
            }
            for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
                int marker = in.readUnsignedShort();
                if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
                    return 1;
                }
                int length = in.readUnsignedShort() - 2;
                if (length < 0) {
                    return 1;
                }
                if (marker == 0xFFE1) {
                    byte[] data = in.readNBytes(length);
                    int orientation = exif(data);
                    if (orientation != 0) {
                        return orientation;
                    }
                } else {
                    in.skipNBytes(length);
                }
            }
            return 1;
        } catch (EOFException e) {
            return 1;
        }
    }

    /** Width and height swap for orientations 5 to 8, which turn the picture a quarter. */
    static boolean turnsAQuarter(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** The image as it is to be seen. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        // x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12 (constructor order: m00, m10, m01, m11, m02, m12)
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            default -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
        boolean quarter = turnsAQuarter(orientation);
        BufferedImage out = new BufferedImage(quarter ? h : w, quarter ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(image, t, null);
        g.dispose();
        return out;
    }

    /** The orientation in an APP1 segment's data; 0 when it is not EXIF or names none. */
    private static int exif(byte[] d) {
        if (d.length < 14 || d[0] != 'E' || d[1] != 'x' || d[2] != 'i' || d[3] != 'f' || d[4] != 0 || d[5] != 0) {
            return 0;
        }
        int tiff = 6;
        boolean little;
        if (d[tiff] == 'I' && d[tiff + 1] == 'I') {
            little = true;
        } else if (d[tiff] == 'M' && d[tiff + 1] == 'M') {
            little = false;
        } else {
            return 0;
        }
        if (u16(d, tiff + 2, little) != 42) {
            return 0;
        }
        long ifd = tiff + u32(d, tiff + 4, little);
        if (ifd + 2 > d.length) {
            return 0;
        }
        int entries = u16(d, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > d.length) {
                return 0;
            }
            int at = (int) entry;
            if (u16(d, at, little) == EXIF_ORIENTATION) {
                int value = u16(d, at + 2, little) == 3 ? u16(d, at + 8, little) : 0;
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    private static int u16(byte[] d, int at, boolean little) {
        int a = d[at] & 0xff;
        int b = d[at + 1] & 0xff;
        return little ? a | b << 8 : a << 8 | b;
    }

    private static long u32(byte[] d, int at, boolean little) {
        long hi = u16(d, little ? at + 2 : at, little);
        long lo = u16(d, little ? at : at + 2, little);
        return hi << 16 | lo;
    }
}
