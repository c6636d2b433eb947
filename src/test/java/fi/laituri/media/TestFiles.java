package fi.laituri.media;

import fi.laituri.ApiClient;
import io.micronaut.http.HttpMethod;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Files to upload, made here, and the multipart body that carries one. */
public final class TestFiles {

    static final String BOUNDARY = "laituri-test-boundary";
    static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    private TestFiles() {
    }

    /**
     * A small PNG named {@code name}, as the multipart body of an upload; its pixels spell the name, so that files of
     * different names are different bytes (the same bytes again are the same file).
     */
    public static io.micronaut.http.client.multipart.MultipartBody png(String name) {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        byte[] letters = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < letters.length && i < 40 * 30; i++) {
            image.setRGB(i % 40, i / 40, (letters[i] & 0xff) * 0x010101);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return io.micronaut.http.client.multipart.MultipartBody.builder()
                .addPart("file", name, io.micronaut.http.MediaType.IMAGE_PNG_TYPE, out.toByteArray()).build();
    }

    /** A one-page PDF named {@code name} and saying it (so each name is other bytes), as the multipart body of an upload. */
    public static io.micronaut.http.client.multipart.MultipartBody pdfUpload(String name) {
        return io.micronaut.http.client.multipart.MultipartBody.builder()
                .addPart("file", name, io.micronaut.http.MediaType.APPLICATION_OCTET_STREAM_TYPE, pdf(name)).build();
    }

    static ApiClient.Reply upload(ApiClient as, String name, byte[] content) {
        io.micronaut.http.client.multipart.MultipartBody body = io.micronaut.http.client.multipart.MultipartBody.builder()
                .addPart("file", name, io.micronaut.http.MediaType.APPLICATION_OCTET_STREAM_TYPE, content).build();
        return as.send(HttpMethod.POST, "/api/v1/media", body, io.micronaut.http.MediaType.MULTIPART_FORM_DATA, null);
    }

    static byte[] multipart(String name, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    public static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x2a6f97));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A JPEG stored {@code width} × {@code height}, its left half red and its right half blue, with an EXIF segment
     * (big-endian TIFF, one IFD entry) giving its {@code orientation}, as a camera held on its side writes it.
     */
    static byte[] jpegWithOrientation(int width, int height, int orientation) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] exif = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = jpeg.toByteArray();
        out.write(bytes, 0, 2);
        out.write(0xff);
        out.write(0xe1);
        out.write((exif.length + 2) >> 8);
        out.write(exif.length + 2);
        out.writeBytes(exif);
        out.write(bytes, 2, bytes.length - 2);
        return out.toByteArray();
    }

    /** A one-page PDF saying {@code text}, with a correct cross-reference table. */
    static byte[] pdf(String text) {
        String stream = "BT /F1 18 Tf 72 720 Td (" + text + ") Tj ET";
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] docx(byte[] documentXml) {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put("[Content_Types].xml", ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                + "wordprocessingml.document.main+xml\"/></Types>").getBytes(StandardCharsets.UTF_8));
        entries.put("word/document.xml", documentXml);
        return zip(entries);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
