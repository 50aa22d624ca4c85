package org.tongban.cases.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.tongban.cases.CaseRefusedException;

/**
 * Recognizes an uploaded material by its content, never by its name: PDF, OFD (GB/T 33190: a zip package whose root
 * holds {@code OFD.xml}), JPEG and PNG, and refuses empty, unknown or damaged files with the reason.
 */
public final class MaterialContent {

    /** The accepted kinds with the content type the browser gets. */
    public enum Kind {
        PDF("application/pdf"), OFD("application/ofd"), JPEG("image/jpeg"), PNG("image/png");

        private final String contentType;

        Kind(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }
    }

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final byte[] ZIP_MAGIC = { 'P', 'K', 3, 4 };

    private MaterialContent() {
    }

    /** @throws CaseRefusedException {@code cases.material.empty}, {@code .unsupported-type} or {@code .corrupt} */
    public static Kind detect(byte[] content) {
        if (content.length == 0) {
            throw CaseRefusedException.rule("cases.material.empty");
        }
        if (startsWith(content, PDF_MAGIC)) {
            // A complete PDF ends with %%EOF (ISO 32000-1 §7.5.5); a truncated upload does not.
            String tail = new String(content, Math.max(0, content.length - 1024), Math.min(1024, content.length),
                    StandardCharsets.ISO_8859_1);
            if (!tail.contains("%%EOF")) {
                throw CaseRefusedException.rule("cases.material.corrupt", "PDF");
            }
            return Kind.PDF;
        }
        if (startsWith(content, PNG_MAGIC)) {
            decodable(content, "PNG");
            return Kind.PNG;
        }
        if (content.length > 3 && (content[0] & 0xff) == 0xff && (content[1] & 0xff) == 0xd8
                && (content[2] & 0xff) == 0xff) {
            decodable(content, "JPEG");
            return Kind.JPEG;
        }
        if (startsWith(content, ZIP_MAGIC)) {
            if (hasOfdXml(content)) {
                return Kind.OFD;
            }
            throw CaseRefusedException.rule("cases.material.unsupported-type");
        }
        throw CaseRefusedException.rule("cases.material.unsupported-type");
    }

    private static boolean hasOfdXml(byte[] content) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            boolean found = false;
            int entries = 0;
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries++;
                if (entry.getName().equals("OFD.xml")) {
                    found = true;
                }
                // Read through every entry: a damaged package fails here rather than in the officer's viewer.
                zip.transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (entries == 0) {
                throw CaseRefusedException.rule("cases.material.corrupt", "OFD");
            }
            return found;
        } catch (IOException | IllegalArgumentException e) {
            throw CaseRefusedException.rule("cases.material.corrupt", "ZIP/OFD");
        }
    }

    private static void decodable(byte[] content, String kind) {
        try {
            if (ImageIO.read(new ByteArrayInputStream(content)) == null) {
                throw CaseRefusedException.rule("cases.material.corrupt", kind);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CaseRefusedException refused) {
                throw refused;
            }
            throw CaseRefusedException.rule("cases.material.corrupt", kind);
        }
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }
}
