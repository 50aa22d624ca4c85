package org.tongban.certificates.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.bouncycastle.crypto.digests.SM3Digest;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Writes an OFD package (GB/T 33190-2016, 版式文档): a zip with the entry file {@code OFD.xml}, the document
 * {@code Doc_0/Document.xml}, its public resources {@code Doc_0/PublicRes.xml} (the font, referenced by name and
 * family — not embedded, so the reader substitutes its own SimSun/宋体-compatible font) and one
 * {@code Doc_0/Pages/Page_N/Content.xml} per A4 page holding text objects and the QR code as a path object.
 *
 * <p>Optionally sealed with the signature structure of GB/T 33190-2016 §18 carrying a GB/T 38540-2020 electronic
 * seal (电子印章 and 电子签章): {@code Doc_0/Signs/Signatures.xml} lists {@code Sign_0/Signature.xml} ({@code Type="Seal"}),
 * whose {@code SignedInfo} carries an SM3 digest ({@code CheckMethod} 1.2.156.10197.1.401) of every file of the
 * package outside {@code Doc_0/Signs/}, a {@code StampAnnot} placing the seal over the issuer's name and date, and
 * {@code Seal/BaseLoc} pointing to {@code Seal.esl} (the body's {@code SESeal}); {@code SignedValue.dat} is the
 * {@code SES_Signature} (see {@link ElectronicSeal}) whose {@code dataHash} is the SM3 digest of the bytes of
 * {@code Signature.xml} (the signed data for OFD, GB/T 38540 Annex on OFD), with the issuing body's X.509 signing
 * certificate in {@code cert} and the SM2 signature (SM3withSM2, OID 1.2.156.10197.1.501, DER, pinned signer ID).
 * {@code SES_Signature.timeStamp} holds a GB/T 20520 time-stamp token over the signature value from the platform's
 * time-stamp authority ({@link TimeStamps}). The package can thus be verified with nothing but the province's root CA
 * certificate. Not done: a GM/T 0010 PKCS#7 {@code Type="Sign"} alternative.
 */
public final class OfdPackage {

    static final String NS = "http://www.ofdspec.org/2016";
    /** SM3 (GM/T 0004) and SM3withSM2 (GM/T 0006) object identifiers, as OFD signatures name them. */
    public static final String SM3_OID = "1.2.156.10197.1.401";
    public static final String SM2_SIGNATURE_OID = "1.2.156.10197.1.501";
    public static final String SIGNATURE_PATH = "Doc_0/Signs/Sign_0/Signature.xml";
    public static final String SIGNED_VALUE_PATH = "Doc_0/Signs/Sign_0/SignedValue.dat";
    public static final String SEAL_PATH = "Doc_0/Signs/Sign_0/Seal.esl";
    public static final String SIGNATURES_PATH = "Doc_0/Signs/Signatures.xml";

    private static final double PAGE_WIDTH = 210;
    private static final double PAGE_HEIGHT = 297;
    private static final double MARGIN = 22;
    private static final double TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

    /** What the copy shows: a heading, a subheading, label/value rows, paragraphs, and a QR code of a link. */
    public record Content(String title, String heading, String subheading, List<List<String>> rows,
            List<String> paragraphs, String issuer, String date, String qrText, Map<String, String> customData) {
    }

    /**
     * Who seals the package: the key's id (named in the document's custom data), the private key, its X.509
     * certificate (carried in the signature), the body's seal ({@code SESeal}, DER, see {@link ElectronicSeal}) and
     * the time-stamp authority that stamps the signature value ({@code null}: no time stamp).
     */
    public record Signer(String keyId, String providerName, PrivateKey key, X509Certificate certificate,
            byte[] seal, UnaryOperator<byte[]> timeStamper) {
    }

    private OfdPackage() {
    }

    /** The OFD package, signed when {@code signer} is given. */
    public static byte[] write(Content content, Signer signer, Instant now) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        double[] stamp = new double[3];
        List<String> pages = layout(content, stamp);
        int id = 1;
        int fontId = id++;
        List<Integer> pageIds = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            pageIds.add(id++);
        }
        int[] nextId = { id };
        for (int i = 0; i < pages.size(); i++) {
            files.put("Doc_0/Pages/Page_" + i + "/Content.xml", utf8(pageXml(pages.get(i), fontId, nextId)));
        }
        StringBuilder custom = new StringBuilder();
        content.customData().forEach((k, v) -> custom.append("<ofd:CustomData Name=\"").append(escape(k))
                .append("\">").append(escape(v)).append("</ofd:CustomData>"));
        if (signer != null) {
            custom.append("<ofd:CustomData Name=\"SignKeyId\">").append(escape(signer.keyId()))
                    .append("</ofd:CustomData>");
        }
        String ofd = xml("<ofd:OFD xmlns:ofd=\"" + NS + "\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo>"
                + "<ofd:DocID>" + java.util.UUID.nameUUIDFromBytes(utf8(content.title() + now)).toString()
                        .replace("-", "") + "</ofd:DocID>"
                + "<ofd:Title>" + escape(content.title()) + "</ofd:Title>"
                + "<ofd:Author>" + escape(content.issuer()) + "</ofd:Author>"
                + "<ofd:CreationDate>" + LocalDate.ofInstant(now, ZoneOffset.ofHours(8)) + "</ofd:CreationDate>"
                + "<ofd:Creator>Tongban</ofd:Creator>"
                + (custom.isEmpty() ? "" : "<ofd:CustomDatas>" + custom + "</ofd:CustomDatas>")
                + "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
                + (signer == null ? "" : "<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>")
                + "</ofd:DocBody></ofd:OFD>");
        StringBuilder pageList = new StringBuilder();
        for (int i = 0; i < pages.size(); i++) {
            pageList.append("<ofd:Page ID=\"").append(pageIds.get(i)).append("\" BaseLoc=\"Pages/Page_").append(i)
                    .append("/Content.xml\"/>");
        }
        String document = xml("<ofd:Document xmlns:ofd=\"" + NS + "\"><ofd:CommonData>"
                + "<ofd:MaxUnitID>" + (nextId[0] - 1) + "</ofd:MaxUnitID>"
                + "<ofd:PageArea><ofd:PhysicalBox>0 0 " + fmt(PAGE_WIDTH) + " " + fmt(PAGE_HEIGHT)
                + "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
                + "<ofd:Pages>" + pageList + "</ofd:Pages></ofd:Document>");
        String publicRes = xml("<ofd:Res xmlns:ofd=\"" + NS + "\" BaseLoc=\"Res\"><ofd:Fonts>"
                + "<ofd:Font ID=\"" + fontId + "\" FontName=\"宋体\" FamilyName=\"宋体\" Charset=\"unicode\"/>"
                + "</ofd:Fonts></ofd:Res>");
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        ordered.put("OFD.xml", utf8(ofd));
        ordered.put("Doc_0/Document.xml", utf8(document));
        ordered.put("Doc_0/PublicRes.xml", utf8(publicRes));
        ordered.putAll(files);
        if (signer != null) {
            sign(ordered, signer, now, pageIds.get((int) stamp[0]), stamp[1], stamp[2]);
        }
        return zip(ordered);
    }

    /**
     * GB/T 33190 §18.2 signature description and GB/T 38540 §8 electronic signature: the digests of the files, the
     * stamp annotation ({@code PageRef}, {@code Boundary} in mm; the seal centred at ({@code x}, {@code y})), the seal
     * file, and {@code SignedValue.dat} = {@code SES_Signature} over SM3 of {@code Signature.xml}.
     */
    private static void sign(Map<String, byte[]> files, Signer signer, Instant now, int pageId, double x, double y) {
        StringBuilder references = new StringBuilder();
        for (var file : files.entrySet()) {
            references.append("<ofd:Reference FileRef=\"/").append(escape(file.getKey())).append("\"><ofd:CheckValue>")
                    .append(Base64.getEncoder().encodeToString(sm3(file.getValue())))
                    .append("</ofd:CheckValue></ofd:Reference>");
        }
        double size = SealImage.SIZE_MM;
        String signature = xml("<ofd:Signature xmlns:ofd=\"" + NS + "\"><ofd:SignedInfo>"
                + "<ofd:Provider ProviderName=\"Tongban\" Company=\"" + escape(signer.providerName())
                + "\" Version=\"1\"/>"
                + "<ofd:SignatureMethod>" + SM2_SIGNATURE_OID + "</ofd:SignatureMethod>"
                + "<ofd:SignatureDateTime>" + DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
                        .format(now.atOffset(ZoneOffset.UTC)) + "</ofd:SignatureDateTime>"
                + "<ofd:References CheckMethod=\"" + SM3_OID + "\">" + references + "</ofd:References>"
                + "<ofd:StampAnnot ID=\"1\" PageRef=\"" + pageId + "\" Boundary=\"" + fmt(x - size / 2) + " "
                + fmt(y - size / 2) + " " + fmt(size) + " " + fmt(size) + "\"/>"
                + "<ofd:Seal><ofd:BaseLoc>/" + SEAL_PATH + "</ofd:BaseLoc></ofd:Seal>"
                + "</ofd:SignedInfo><ofd:SignedValue>/" + SIGNED_VALUE_PATH + "</ofd:SignedValue></ofd:Signature>");
        byte[] signatureBytes = utf8(signature);
        files.put(SIGNATURES_PATH, utf8(xml("<ofd:Signatures xmlns:ofd=\"" + NS + "\">"
                + "<ofd:MaxSignId>1</ofd:MaxSignId><ofd:Signature ID=\"1\" Type=\"Seal\" BaseLoc=\"Sign_0/Signature.xml\"/>"
                + "</ofd:Signatures>")));
        files.put(SIGNATURE_PATH, signatureBytes);
        files.put(SEAL_PATH, signer.seal());
        files.put(SIGNED_VALUE_PATH, ElectronicSeal.sign(signer.seal(), now, sm3(signatureBytes), "/" + SIGNATURE_PATH,
                signer.certificate(), signer.key(), signer.timeStamper()));
    }

    /** SM3 (GB/T 32905) of the bytes. */
    public static byte[] sm3(byte[] data) {
        SM3Digest digest = new SM3Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    // ------------------------------------------------------------------ layout

    private static final double TITLE_SIZE = 9;
    private static final double HEADING_SIZE = 5;
    private static final double TEXT_SIZE = 3.9;
    private static final double LABEL_WIDTH = 42;

    /** Each page's objects as XML fragments (text and path objects), with placeholders for the ids. */
    private static List<String> layout(Content content, double[] stamp) {
        List<String> pages = new ArrayList<>();
        StringBuilder page = new StringBuilder();
        double y = MARGIN;
        if (content.heading() != null) {
            page.append(text(MARGIN, y, TEXT_WIDTH, HEADING_SIZE, content.heading(), true));
            y += HEADING_SIZE * 1.8;
        }
        page.append(text(MARGIN, y, TEXT_WIDTH, TITLE_SIZE, content.title(), true));
        y += TITLE_SIZE * 1.6;
        if (content.subheading() != null) {
            page.append(text(MARGIN, y, TEXT_WIDTH, TEXT_SIZE, content.subheading(), true));
            y += TEXT_SIZE * 2.2;
        }
        for (List<String> row : content.rows()) {
            List<String> lines = wrap(row.get(1), TEXT_WIDTH - LABEL_WIDTH, TEXT_SIZE);
            double height = lines.size() * TEXT_SIZE * 1.5 + TEXT_SIZE * 0.6;
            if (y + height > PAGE_HEIGHT - MARGIN) {
                pages.add(page.toString());
                page = new StringBuilder();
                y = MARGIN;
            }
            page.append(text(MARGIN, y, LABEL_WIDTH, TEXT_SIZE, row.get(0), false));
            for (String line : lines) {
                page.append(text(MARGIN + LABEL_WIDTH, y, TEXT_WIDTH - LABEL_WIDTH, TEXT_SIZE, line, false));
                y += TEXT_SIZE * 1.5;
            }
            y += TEXT_SIZE * 0.6;
        }
        y += TEXT_SIZE;
        for (String paragraph : content.paragraphs()) {
            for (String line : wrap(paragraph, TEXT_WIDTH, TEXT_SIZE)) {
                if (y + TEXT_SIZE * 1.5 > PAGE_HEIGHT - MARGIN) {
                    pages.add(page.toString());
                    page = new StringBuilder();
                    y = MARGIN;
                }
                page.append(text(MARGIN, y, TEXT_WIDTH, TEXT_SIZE, line, false));
                y += TEXT_SIZE * 1.5;
            }
            y += TEXT_SIZE * 0.5;
        }
        double qrSize = 32;
        if (y + qrSize + TEXT_SIZE * 4 > PAGE_HEIGHT - MARGIN) {
            pages.add(page.toString());
            page = new StringBuilder();
            y = MARGIN;
        }
        y += TEXT_SIZE;
        if (content.qrText() != null) {
            page.append(qr(content.qrText(), MARGIN, y, qrSize));
            for (String line : wrap(content.qrText(), TEXT_WIDTH - qrSize - 6, TEXT_SIZE * 0.8)) {
                page.append(text(MARGIN + qrSize + 6, y + 4, TEXT_WIDTH - qrSize - 6, TEXT_SIZE * 0.8, line, false));
                y += TEXT_SIZE * 1.2;
            }
        }
        double bottom = Math.max(y, MARGIN + (content.qrText() == null ? 0 : qrSize)) + TEXT_SIZE * 3;
        page.append(text(PAGE_WIDTH / 2, bottom, TEXT_WIDTH / 2, TEXT_SIZE, content.issuer(), false));
        // The seal over the issuer's name and the date, as on paper (盖章处).
        stamp[0] = pages.size();
        stamp[1] = Math.min(PAGE_WIDTH / 2 + 20, PAGE_WIDTH - SealImage.SIZE_MM / 2.0);
        stamp[2] = Math.min(bottom + TEXT_SIZE * 1.3, PAGE_HEIGHT - SealImage.SIZE_MM / 2.0);
        page.append(text(PAGE_WIDTH / 2, bottom + TEXT_SIZE * 1.6, TEXT_WIDTH / 2, TEXT_SIZE, content.date(), false));
        pages.add(page.toString());
        return pages;
    }

    /** Width of a character in the font: CJK and full-width characters a full em, others half. */
    private static double advance(int codePoint, double size) {
        return codePoint < 0x2E80 ? size * 0.5 : size;
    }

    static List<String> wrap(String text, double width, double size) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : (text == null ? "" : text).split("\n")) {
            StringBuilder line = new StringBuilder();
            double used = 0;
            for (int cp : paragraph.codePoints().toArray()) {
                double w = advance(cp, size);
                if (used + w > width && !line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                    used = 0;
                }
                line.appendCodePoint(cp);
                used += w;
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static final String ID = "\u0000ID\u0000";

    /** A text object: boundary from (x, y) of the given width, one line, baseline at the font size. */
    private static String text(double x, double y, double width, double size, String value, boolean bold) {
        int[] cps = value.codePoints().toArray();
        StringBuilder deltas = new StringBuilder();
        for (int i = 0; i < cps.length - 1; i++) {
            deltas.append(i == 0 ? "" : " ").append(fmt(advance(cps[i], size)));
        }
        return "<ofd:TextObject ID=\"" + ID + "\" Boundary=\"" + fmt(x) + " " + fmt(y) + " " + fmt(width) + " "
                + fmt(size * 1.4) + "\" Font=\"" + "\u0000FONT\u0000" + "\" Size=\"" + fmt(size) + "\""
                + (bold ? " Weight=\"700\"" : "") + "><ofd:FillColor Value=\"0 0 0\"/><ofd:TextCode X=\"0\" Y=\""
                + fmt(size) + "\"" + (deltas.isEmpty() ? "" : " DeltaX=\"" + deltas + "\"") + ">" + escape(value)
                + "</ofd:TextCode></ofd:TextObject>";
    }

    /** The QR code as one filled path object: a square per dark module. */
    private static String qr(String value, double x, double y, double size) {
        BitMatrix matrix;
        try {
            // Quiet zone of 4 modules (GB/T 18284 / ISO/IEC 18004), as on the PDF copy.
            matrix = new QRCodeWriter().encode(value, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode as QR code", e);
        }
        double module = size / matrix.getWidth();
        StringBuilder path = new StringBuilder();
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int column = 0; column < matrix.getWidth(); column++) {
                if (matrix.get(column, row)) {
                    double left = column * module;
                    double top = row * module;
                    path.append("M ").append(fmt(left)).append(' ').append(fmt(top)).append(" L ")
                            .append(fmt(left + module)).append(' ').append(fmt(top)).append(" L ")
                            .append(fmt(left + module)).append(' ').append(fmt(top + module)).append(" L ")
                            .append(fmt(left)).append(' ').append(fmt(top + module)).append(" C ");
                }
            }
        }
        return "<ofd:PathObject ID=\"" + ID + "\" Boundary=\"" + fmt(x) + " " + fmt(y) + " " + fmt(size) + " "
                + fmt(size) + "\" Stroke=\"false\" Fill=\"true\"><ofd:FillColor Value=\"0 0 0\"/>"
                + "<ofd:AbbreviatedData>" + path.toString().strip() + "</ofd:AbbreviatedData></ofd:PathObject>";
    }

    private static String pageXml(String objects, int fontId, int[] nextId) {
        int layer = nextId[0]++;
        StringBuilder out = new StringBuilder();
        String rest = objects.replace("\u0000FONT\u0000", String.valueOf(fontId));
        int at;
        while ((at = rest.indexOf(ID)) >= 0) {
            out.append(rest, 0, at).append(nextId[0]++);
            rest = rest.substring(at + ID.length());
        }
        out.append(rest);
        return xml("<ofd:Page xmlns:ofd=\"" + NS + "\"><ofd:Content><ofd:Layer ID=\"" + layer + "\" Type=\"Body\">"
                + out + "</ofd:Layer></ofd:Content></ofd:Page>");
    }

    private static String fmt(double value) {
        String s = String.format(java.util.Locale.ROOT, "%.3f", value);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s;
    }

    private static String xml(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int cp : text.codePoints().toArray()) {
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r') {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        return out.toString();
    }

    private static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
