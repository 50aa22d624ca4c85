package org.tongban.platform.documents;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Renders {@link OfficialDocument}s as PDF on A4 in the layout of GB/T 9704-2012 (党政机关公文格式, simplified): the
 * issuing body in red above a red rule, the document number, the centred title, the addressee, the text with a
 * two-character first-line indent, numbered lists, ruled tables, the closing body and date on the right, a page
 * number on every page, and a verification line with a QR code.
 *
 * <p>Chinese text breaks between any two characters, except that closing punctuation never starts a line and
 * opening punctuation never ends one (标点挤压 / 避头尾, GB/T 15834); Latin words and numbers stay whole.
 *
 * <p>The font is embedded as a subset, so an archived document shows the same glyphs everywhere. It is the file in
 * {@code tongban.documents.font}, or the first well-known system font with Chinese glyphs. Without one the platform
 * still starts (one warning) and every download answers 503 ({@link DocumentsUnavailableException}).
 */
@Service
@EnableConfigurationProperties(DocumentsProperties.class)
public class DocumentRenderer {

    private static final Logger log = LoggerFactory.getLogger(DocumentRenderer.class);

    /** Where Debian/Ubuntu and other distributions put fonts with Chinese glyphs. */
    static final List<String> SYSTEM_FONTS = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final float MM = 72f / 25.4f;
    // GB/T 9704-2012 §5.2.1: top 37 mm, left 28 mm; the text block 156 × 225 mm.
    private static final float LEFT = 28 * MM;
    private static final float RIGHT = PDRectangle.A4.getWidth() - 26 * MM;
    private static final float TOP = PDRectangle.A4.getHeight() - 30 * MM;
    private static final float BOTTOM = 30 * MM;
    private static final float BODY_SIZE = 13f;
    private static final float LEADING = 1.75f;
    private static final String NO_LINE_START = "，。、；：？！）》」』〕】’”…—·%,.;:?!)]}";
    private static final String NO_LINE_END = "（《「『〔【‘“([{";
    private static final float[] RED = { 0.80f, 0.05f, 0.05f };

    private final DocumentsProperties properties;
    private final AtomicReference<Optional<FontSource>> font = new AtomicReference<>();

    /** A renderer with the given font settings (the font is looked for on first use). */
    public DocumentRenderer(DocumentsProperties properties) {
        this.properties = properties;
    }

    /** A font file and, for a collection, the name of the font in it. */
    record FontSource(File file, String name) {
    }

    /** Whether documents can be made (a font with Chinese glyphs was found). */
    public boolean available() {
        return fontSource().isPresent();
    }

    /** The font file documents embed, if any. */
    public Optional<File> fontFile() {
        return fontSource().map(FontSource::file);
    }

    @EventListener
    void reportFont(AvailabilityChangeEvent<ReadinessState> event) {
        // Parsing the font collection takes a few hundred milliseconds of CPU and a burst of heap: done
        // aside once the platform is ready, so that it neither delays readiness nor competes with the last start-up
        // work for the CPU (nothing before readiness needs the font; the first document opens it anyway).
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            Thread.ofVirtual().name("font-check").start(this::logFont);
        }
    }

    private void logFont() {
        Optional<FontSource> found = fontSource();
        if (found.isEmpty()) {
            log.warn("No font with Chinese glyphs found (tongban.documents.font = {}, system paths {}): notices, "
                    + "decisions and certificates cannot be downloaded as PDF until one is configured",
                    properties.font(), SYSTEM_FONTS);
        } else {
            log.info("Documents embed the font {} from {}", found.get().name(), found.get().file());
        }
    }

    private Optional<FontSource> fontSource() {
        Optional<FontSource> known = font.get();
        if (known == null) {
            known = findFont();
            font.set(known);
        }
        return known;
    }

    private Optional<FontSource> findFont() {
        List<String> candidates = properties.font() != null && !properties.font().isBlank()
                ? List.of(properties.font().strip()) : SYSTEM_FONTS;
        for (String path : candidates) {
            File file = new File(path);
            if (!file.isFile()) {
                continue;
            }
            try {
                String name = withFont(file, null, TrueTypeFont::getName);
                return Optional.of(new FontSource(file, name));
            } catch (IOException | RuntimeException e) {
                log.warn("Font {} cannot be used for documents: {}", file, e.toString());
            }
        }
        return Optional.empty();
    }

    private interface FontWork<T> {
        T apply(TrueTypeFont font) throws IOException;
    }

    /** Opens the font (the named one of a collection, or its first with Chinese glyphs) for the time of the work. */
    private static <T> T withFont(File file, String name, FontWork<T> work) throws IOException {
        if (file.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc")) {
            try (TrueTypeCollection collection = new TrueTypeCollection(file)) {
                TrueTypeFont chosen = name == null ? null : collection.getFontByName(name);
                if (chosen == null) {
                    List<TrueTypeFont> fonts = new ArrayList<>();
                    collection.processAllFonts(fonts::add);
                    chosen = fonts.stream().filter(DocumentRenderer::hasChinese).findFirst()
                            .orElseThrow(() -> new IOException("no font with Chinese glyphs in the collection"));
                }
                return work.apply(chosen);
            }
        }
        try (TrueTypeFont single = new org.apache.fontbox.ttf.TTFParser()
                .parse(new org.apache.pdfbox.io.RandomAccessReadBufferedFile(file))) {
            if (!hasChinese(single)) {
                throw new IOException("no Chinese glyphs");
            }
            return work.apply(single);
        }
    }

    private static boolean hasChinese(TrueTypeFont font) {
        try {
            CmapLookup cmap = font.getUnicodeCmapLookup(false);
            return cmap != null && cmap.getGlyphId('中') > 0 && cmap.getGlyphId('国') > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The document as PDF. The same document gives the same text (and the same file identifier) every time.
     *
     * @throws DocumentsUnavailableException when no font with Chinese glyphs is available
     */
    public byte[] render(OfficialDocument document) {
        FontSource source = fontSource().orElseThrow(DocumentsUnavailableException::new);
        try {
            return withFont(source.file(), source.name(), ttf -> render(document, ttf));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] render(OfficialDocument document, TrueTypeFont ttf) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            PDType0Font font = PDType0Font.load(pdf, ttf, true);
            Writer writer = new Writer(pdf, font, ttf.getUnicodeCmapLookup(false));
            writer.document(document);
            writer.finish();
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle(document.title());
            info.setAuthor(document.issuingBody());
            info.setSubject(document.number());
            info.setCreator("Tongban 通办");
            Calendar date = GregorianCalendar.from(document.date().atStartOfDay(CHINA));
            date.setTimeZone(TimeZone.getTimeZone(CHINA));
            info.setCreationDate(date);
            // A stable file identifier: the same document downloaded twice is the same file, not a new version.
            byte[] id = digest(document.issuingBody() + "|" + document.number() + "|" + document.title() + "|"
                    + document.date());
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] digest(String text) {
        try {
            byte[] full = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(full, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lays out blocks top to bottom, starting a new page when the next line does not fit. */
    private static final class Writer {

        private final PDDocument pdf;
        private final PDType0Font font;
        private final CmapLookup cmap;
        private final List<PDPage> pages = new ArrayList<>();
        private PDPageContentStream content;
        private float y;

        Writer(PDDocument pdf, PDType0Font font, CmapLookup cmap) throws IOException {
            this.pdf = pdf;
            this.font = font;
            this.cmap = cmap;
            newPage();
        }

        void document(OfficialDocument d) throws IOException {
            // 发文机关标志: red, centred; 发文字号 below it; the red rule.
            y -= 8;
            centred(d.issuingBody(), 22, RED);
            y -= 6;
            if (d.number() != null && !d.number().isBlank()) {
                centred(d.number(), BODY_SIZE, null);
            }
            y -= 8;
            content.setStrokingColor(RED[0], RED[1], RED[2]);
            content.setLineWidth(1.5f);
            content.moveTo(LEFT, y);
            content.lineTo(RIGHT, y);
            content.stroke();
            content.setStrokingColor(0f, 0f, 0f);
            y -= 26;
            // 标题: centred, larger; long titles wrap and stay centred.
            for (String line : wrap(d.title(), 18, RIGHT - LEFT - 2 * 18)) {
                centred(line, 18, null);
            }
            y -= 12;
            if (d.addressee() != null && !d.addressee().isBlank()) {
                paragraph(d.addressee() + "：", 0);
            }
            for (OfficialDocument.Block block : d.blocks()) {
                switch (block) {
                    case OfficialDocument.Paragraph p -> paragraph(p.text(), 2 * BODY_SIZE);
                    case OfficialDocument.Heading h -> heading(h.text());
                    case OfficialDocument.NumberedList l -> list(l.items());
                    case OfficialDocument.Table t -> table(t);
                }
            }
            closing(d);
        }

        // --- blocks

        private void paragraph(String text, float indent) throws IOException {
            for (String raw : text.split("\n")) {
                List<String> lines = wrapFirstIndented(raw, BODY_SIZE, RIGHT - LEFT, indent);
                for (int i = 0; i < lines.size(); i++) {
                    line(lines.get(i), LEFT + (i == 0 ? indent : 0), BODY_SIZE);
                }
            }
        }

        private void heading(String text) throws IOException {
            y -= 4;
            for (String line : wrap(text, BODY_SIZE, RIGHT - LEFT - 2 * BODY_SIZE)) {
                need(BODY_SIZE * LEADING);
                y -= BODY_SIZE * LEADING;
                show(line, LEFT + 2 * BODY_SIZE, y, BODY_SIZE, null);
                // Faux bold: the same text again, a hair to the right (the embedded font has one weight).
                show(line, LEFT + 2 * BODY_SIZE + 0.4f, y, BODY_SIZE, null);
            }
        }

        private void list(List<String> items) throws IOException {
            for (int n = 0; n < items.size(); n++) {
                String marker = (n + 1) + ". ";
                float markerWidth = Math.max(width(marker, BODY_SIZE), 2 * BODY_SIZE);
                float x = LEFT + 2 * BODY_SIZE;
                List<String> lines = wrap(items.get(n), BODY_SIZE, RIGHT - x - markerWidth);
                for (int i = 0; i < lines.size(); i++) {
                    need(BODY_SIZE * LEADING);
                    y -= BODY_SIZE * LEADING;
                    if (i == 0) {
                        show(marker, x, y, BODY_SIZE, null);
                    }
                    show(lines.get(i), x + markerWidth, y, BODY_SIZE, null);
                }
            }
        }

        private void table(OfficialDocument.Table t) throws IOException {
            float size = BODY_SIZE - 2;
            float padding = 4;
            int total = t.widths().stream().mapToInt(Integer::intValue).sum();
            float[] widths = new float[t.widths().size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = (RIGHT - LEFT) * t.widths().get(i) / total;
            }
            y -= 6;
            row(t.headers(), widths, size, padding, true);
            for (List<String> cells : t.rows()) {
                if (!row(cells, widths, size, padding, false)) {
                    // Continued on a new page: the header again, then the row.
                    row(t.headers(), widths, size, padding, true);
                    row(cells, widths, size, padding, false);
                }
            }
            y -= 6;
        }

        /** One table row; answers {@code false} (and draws nothing) when it had to start a new page first. */
        private boolean row(List<String> cells, float[] widths, float size, float padding, boolean header)
                throws IOException {
            List<List<String>> wrapped = new ArrayList<>();
            int lines = 1;
            for (int i = 0; i < cells.size(); i++) {
                List<String> cell = wrap(cells.get(i), size, widths[i] - 2 * padding);
                wrapped.add(cell);
                lines = Math.max(lines, cell.size());
            }
            float height = lines * size * 1.5f + 2 * padding;
            if (y - height < BOTTOM && !header) {
                newPage();
                return false;
            }
            if (y - height < BOTTOM) {
                newPage();
            }
            float x = LEFT;
            if (header) {
                content.setNonStrokingColor(0.92f, 0.92f, 0.92f);
                content.addRect(LEFT, y - height, RIGHT - LEFT, height);
                content.fill();
                content.setNonStrokingColor(0f, 0f, 0f);
            }
            content.setLineWidth(0.6f);
            for (int i = 0; i < widths.length; i++) {
                content.addRect(x, y - height, widths[i], height);
                content.stroke();
                float lineY = y - padding;
                for (String text : wrapped.get(i)) {
                    lineY -= size * 1.5f;
                    show(text, x + padding, lineY + size * 0.35f, size, null);
                }
                x += widths[i];
            }
            y -= height;
            return true;
        }

        private void closing(OfficialDocument d) throws IOException {
            // 署名 and 成文日期 on the right, some space below the text (GB/T 9704 §7.3.5).
            y -= BODY_SIZE * 2;
            need(BODY_SIZE * LEADING * 2);
            String body = d.closingBody() == null ? d.issuingBody() : d.closingBody();
            String date = OfficialDocument.chineseDate(d.date());
            float right = RIGHT - 2 * BODY_SIZE;
            y -= BODY_SIZE * LEADING;
            show(body, right - width(body, BODY_SIZE), y, BODY_SIZE, null);
            y -= BODY_SIZE * LEADING;
            float dateX = right - (width(body, BODY_SIZE) + width(date, BODY_SIZE)) / 2;
            show(date, Math.min(dateX, right - width(date, BODY_SIZE)), y, BODY_SIZE, null);
            if (d.verification() != null) {
                verification(d.verification());
            }
        }

        private void verification(OfficialDocument.Verification v) throws IOException {
            float qr = 32 * MM;
            boolean withQr = v.url() != null && !v.url().isBlank();
            float size = BODY_SIZE - 3;
            List<String> text = new ArrayList<>();
            text.add(v.label() + "：" + v.value());
            if (withQr) {
                text.add("核验：" + v.url());
            }
            float textWidth = RIGHT - LEFT - (withQr ? qr + 10 : 0);
            List<String> lines = new ArrayList<>();
            for (String t : text) {
                lines.addAll(wrap(t, size, textWidth));
            }
            float height = Math.max(withQr ? qr : 0, lines.size() * size * 1.5f) + 16;
            need(height + 12);
            y -= 12;
            content.setLineWidth(0.4f);
            content.setStrokingColor(0.5f, 0.5f, 0.5f);
            content.moveTo(LEFT, y);
            content.lineTo(RIGHT, y);
            content.stroke();
            content.setStrokingColor(0f, 0f, 0f);
            float top = y - 8;
            if (withQr) {
                qrCode(v.url(), RIGHT - qr, top - qr, qr);
            }
            float lineY = top;
            for (String line : lines) {
                lineY -= size * 1.5f;
                show(line, LEFT, lineY, size, null);
            }
            y -= height;
        }

        private void qrCode(String text, float x, float yBottom, float size) throws IOException {
            BitMatrix matrix;
            try {
                // Quiet zone of 4 modules on every side (GB/T 18284 / ISO/IEC 18004): with only 2, the rule drawn
                // just above the code made scanners miss it now and then (about one copy in 40 in our tests).
                matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                        EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
                        EncodeHintType.CHARACTER_SET, "UTF-8"));
            } catch (WriterException e) {
                throw new IllegalArgumentException("Cannot encode as QR code: " + text.length() + " characters", e);
            }
            float module = size / matrix.getWidth();
            content.setNonStrokingColor(0f, 0f, 0f);
            // One rectangle per horizontal run of dark modules, each a hair taller than a module: no light seams
            // between neighbours when a viewer or printer rasterizes at a fractional scale.
            for (int row = 0; row < matrix.getHeight(); row++) {
                int col = 0;
                while (col < matrix.getWidth()) {
                    if (!matrix.get(col, row)) {
                        col++;
                        continue;
                    }
                    int start = col;
                    while (col < matrix.getWidth() && matrix.get(col, row)) {
                        col++;
                    }
                    content.addRect(x + start * module, yBottom + size - (row + 1) * module - 0.05f,
                            (col - start) * module, module + 0.1f);
                }
            }
            content.fill();
        }

        // --- lines and pages

        private void centred(String text, float size, float[] color) throws IOException {
            need(size * 1.5f);
            y -= size * 1.5f;
            show(text, (LEFT + RIGHT - width(text, size)) / 2, y, size, color);
        }

        private void line(String text, float x, float size) throws IOException {
            need(size * LEADING);
            y -= size * LEADING;
            show(text, x, y, size, null);
        }

        private void need(float height) throws IOException {
            if (y - height < BOTTOM) {
                newPage();
            }
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            pages.add(page);
            content = new PDPageContentStream(pdf, page);
            y = TOP;
        }

        /** Closes the last page and numbers every page: {@code — 1 / 2 —} centred at the foot (GB/T 9704 §7.5). */
        void finish() throws IOException {
            content.close();
            for (int i = 0; i < pages.size(); i++) {
                try (PDPageContentStream foot = new PDPageContentStream(pdf, pages.get(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String number = "— " + (i + 1) + " / " + pages.size() + " —";
                    float size = BODY_SIZE - 3;
                    float width = font.getStringWidth(number) / 1000 * size;
                    foot.beginText();
                    foot.setFont(font, size);
                    foot.newLineAtOffset((LEFT + RIGHT - width) / 2, BOTTOM - 12 * MM);
                    foot.showText(number);
                    foot.endText();
                }
            }
        }

        private void show(String text, float x, float baseline, float size, float[] color) throws IOException {
            if (text.isEmpty()) {
                return;
            }
            content.beginText();
            if (color != null) {
                content.setNonStrokingColor(color[0], color[1], color[2]);
            }
            content.setFont(font, size);
            content.newLineAtOffset(x, baseline);
            content.showText(printable(text));
            content.endText();
            if (color != null) {
                content.setNonStrokingColor(0f, 0f, 0f);
            }
        }

        /** Characters the font has no glyph for become a visible replacement rather than a failure. */
        private String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (cp == '\t') {
                    out.append("  ");
                } else if (Character.isISOControl(cp)) {
                    // dropped
                } else if (cmap.getGlyphId(cp) > 0 || cp == ' ') {
                    out.appendCodePoint(cp);
                } else {
                    out.append(cmap.getGlyphId('□') > 0 ? '□' : '?');
                }
            });
            return out.toString();
        }

        private float width(String text, float size) throws IOException {
            return font.getStringWidth(printable(text)) / 1000 * size;
        }

        private List<String> wrap(String text, float size, float maxWidth) throws IOException {
            return wrapFirstIndented(text, size, maxWidth, 0);
        }

        /**
         * Greedy line breaking for mixed Chinese and Latin text: every Chinese character is a break opportunity,
         * a run of Latin letters or digits is kept whole (and only split when longer than a line), closing
         * punctuation hangs at the end of the line rather than starting the next, and opening punctuation moves
         * to the next line with the character it opens.
         */
        private List<String> wrapFirstIndented(String text, float size, float maxWidth, float firstIndent)
                throws IOException {
            List<String> tokens = tokens(text);
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            float lineWidth = 0;
            float available = maxWidth - firstIndent;
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                float w = width(token, size);
                boolean closing = token.length() == 1 && NO_LINE_START.indexOf(token.charAt(0)) >= 0;
                if (lineWidth + w <= available || (closing && lineWidth + w <= available + size)) {
                    line.append(token);
                    lineWidth += w;
                    continue;
                }
                if (w > maxWidth && token.length() > 1) {
                    // A Latin run longer than a line (a URL, a long number): split it by characters.
                    for (int c = 0; c < token.length(); c++) {
                        String one = String.valueOf(token.charAt(c));
                        float cw = width(one, size);
                        if (lineWidth + cw > available && !line.isEmpty()) {
                            lines.add(stripTrailing(line.toString()));
                            line.setLength(0);
                            lineWidth = 0;
                            available = maxWidth;
                        }
                        line.append(one);
                        lineWidth += cw;
                    }
                    continue;
                }
                if (line.isEmpty()) {
                    line.append(token);
                    lineWidth += w;
                    continue;
                }
                // Break before this token; an opening mark at the end of the line moves down with it.
                String carried = "";
                if (line.length() > 1 && NO_LINE_END.indexOf(line.charAt(line.length() - 1)) >= 0) {
                    carried = line.substring(line.length() - 1);
                    line.setLength(line.length() - 1);
                }
                lines.add(stripTrailing(line.toString()));
                line.setLength(0);
                line.append(carried);
                lineWidth = width(carried, size);
                available = maxWidth;
                if (!token.isBlank()) {
                    i--;
                }
            }
            if (!line.isEmpty() || lines.isEmpty()) {
                lines.add(stripTrailing(line.toString()));
            }
            return lines;
        }

        private static String stripTrailing(String s) {
            return s.stripTrailing();
        }

        /** Latin runs (letters, digits and their joiners) whole; every other character on its own. */
        private static List<String> tokens(String text) {
            List<String> tokens = new ArrayList<>();
            StringBuilder run = new StringBuilder();
            text.codePoints().forEach(cp -> {
                boolean latin = cp < 0x2E80 && (Character.isLetterOrDigit(cp) || "-_./:@#%&?=+~".indexOf(cp) >= 0);
                if (latin) {
                    run.appendCodePoint(cp);
                    return;
                }
                if (!run.isEmpty()) {
                    tokens.add(run.toString());
                    run.setLength(0);
                }
                tokens.add(new String(Character.toChars(cp)));
            });
            if (!run.isEmpty()) {
                tokens.add(run.toString());
            }
            return tokens;
        }
    }
}
