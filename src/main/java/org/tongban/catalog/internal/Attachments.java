package org.tongban.catalog.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tongban.catalog.CatalogProperties;
import org.tongban.shared.InvalidValueException;

/**
 * Blank forms, samples and result samples (空白表格、示例样表、结果样本) that administrators upload, stored in PostgreSQL
 * (so that every node serves them and backups hold them) with their SHA-256. What a file is comes from its content
 * (magic bytes), never from its name: PDF, OFD (GB/T 33190: a zip holding {@code OFD.xml}), DOCX and XLSX (zips
 * holding {@code word/} or {@code xl/} parts), JPEG and PNG. A guide refers to a file by its download path
 * {@value #PATH_PREFIX}{@code <id>/<file name>}, a text that exports and re-imports unchanged.
 */
@Component
public class Attachments {

    public static final String PATH_PREFIX = "/catalog/attachments/";
    /** Zip entries looked at before giving up on recognising a container. */
    private static final int MAX_ENTRIES = 2000;

    private final JdbcTemplate jdbc;
    private final CatalogProperties properties;

    Attachments(JdbcTemplate jdbc, CatalogProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** A stored file. */
    public record Attachment(UUID id, String fileName, String contentType, long size, String sha256) {

        /** The path a guide links to. */
        public String path() {
            return PATH_PREFIX + id + "/" + fileName;
        }
    }

    /** A stored file with its bytes. */
    public record Content(Attachment attachment, byte[] bytes) {
    }

    /**
     * Stores a file; the same content uploaded again is stored once (and keeps its first name).
     *
     * @throws InvalidValueException {@code catalog.attachment.too-large}, {@code catalog.attachment.empty} or
     *         {@code catalog.attachment.type} (not one of the accepted kinds)
     */
    public Attachment store(String fileName, byte[] bytes, UUID by) {
        long max = properties.attachments().maxSize().toBytes();
        if (bytes.length == 0) {
            throw new InvalidValueException("catalog.attachment.empty", fileName);
        }
        if (bytes.length > max) {
            throw new InvalidValueException("catalog.attachment.too-large", fileName, fileName,
                    String.valueOf(max / 1024 / 1024));
        }
        String type = detect(bytes).orElseThrow(() -> new InvalidValueException("catalog.attachment.type", fileName,
                fileName));
        String name = cleanName(fileName);
        String sha256 = sha256(bytes);
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into catalog_attachment (id, sha256, content_type, file_name, size, content, uploaded_by)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (sha256) do nothing""",
                id, sha256, type, name, bytes.length, bytes, by);
        return jdbc.queryForObject("select id, file_name, content_type, size, sha256 from catalog_attachment "
                + "where sha256 = ?", (rs, i) -> new Attachment(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), rs.getLong(4), rs.getString(5)), sha256);
    }

    public Optional<Content> find(UUID id) {
        return jdbc.query("select id, file_name, content_type, size, sha256, content from catalog_attachment "
                + "where id = ?", (rs, i) -> new Content(new Attachment(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), rs.getLong(4), rs.getString(5)), rs.getBytes(6)), id).stream().findFirst();
    }

    /** The media type the content shows it is, if it is one of the accepted kinds. */
    static Optional<String> detect(byte[] bytes) {
        if (starts(bytes, '%', 'P', 'D', 'F', '-')) {
            return Optional.of("application/pdf");
        }
        if (starts(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (starts(bytes, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (starts(bytes, 'P', 'K', 0x03, 0x04)) {
            return container(bytes);
        }
        return Optional.empty();
    }

    /** OFD, DOCX or XLSX, told apart by the parts the zip holds. */
    private static Optional<String> container(byte[] bytes) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            int seen = 0;
            while ((entry = zip.getNextEntry()) != null && seen++ < MAX_ENTRIES) {
                String name = entry.getName();
                if (name.equalsIgnoreCase("OFD.xml")) {
                    return Optional.of("application/ofd");
                }
                if (name.startsWith("word/")) {
                    return Optional.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
                }
                if (name.startsWith("xl/")) {
                    return Optional.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean starts(byte[] bytes, int... magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The name without any path, control characters or slashes; at most 200 characters. */
    static String cleanName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty()) {
            name = "file";
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
