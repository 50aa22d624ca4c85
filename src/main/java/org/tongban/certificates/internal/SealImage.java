package org.tongban.certificates.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import javax.imageio.ImageIO;

/**
 * The picture of an issuing body's electronic seal (印章图像, GB/T 38540 {@code SES_ESPictrueInfo}), drawn with
 * Java2D as a round official seal: a red ring, the body's name along the upper arc, a five-pointed star in the
 * middle and the seal's purpose below it. PNG with a transparent background, so the text under it shows through.
 */
public final class SealImage {

    /** Printed size of the seal in millimetres (a round official seal is about 40–42 mm across). */
    public static final int SIZE_MM = 40;
    private static final int PIXELS = 472; // 40 mm at 300 dpi
    private static final Color RED = new Color(0xD0, 0x10, 0x10);

    private SealImage() {
    }

    /**
     * @param fontFile a font with Chinese glyphs (the platform's document font); without one the JDK's logical
     *        serif font is used, which shows Chinese only when the system has such a font
     */
    public static byte[] png(String name, String purpose, Optional<File> fontFile) {
        Font base = font(fontFile, name + purpose);
        BufferedImage image = new BufferedImage(PIXELS, PIXELS, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(RED);
            double c = PIXELS / 2.0;
            double ring = PIXELS * 0.025;
            g.setStroke(new BasicStroke((float) ring));
            g.draw(new Ellipse2D.Double(ring, ring, PIXELS - 2 * ring, PIXELS - 2 * ring));
            g.fill(star(c, c, PIXELS * 0.16));
            arc(g, base, name, c, PIXELS * 0.36);
            Font small = base.deriveFont(Font.BOLD, (float) (PIXELS * 0.07));
            g.setFont(small);
            int width = g.getFontMetrics().stringWidth(purpose);
            g.drawString(purpose, (float) (c - width / 2.0), (float) (c + PIXELS * 0.3));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The name's characters upright to the centre, spread over up to 240° of the upper arc, left to right. */
    private static void arc(Graphics2D g, Font base, String name, double c, double radius) {
        int[] cps = name.codePoints().toArray();
        if (cps.length == 0) {
            return;
        }
        double span = Math.toRadians(Math.min(240, 22.0 * cps.length));
        double step = cps.length == 1 ? 0 : span / (cps.length - 1);
        double size = Math.min(PIXELS * 0.11, radius * step * 0.95 + (cps.length == 1 ? PIXELS * 0.11 : 0));
        g.setFont(base.deriveFont(Font.BOLD, (float) size));
        double start = -Math.PI / 2 - span / 2; // angle of the first character, measured from the +x axis
        for (int i = 0; i < cps.length; i++) {
            double angle = start + i * step;
            String ch = new String(Character.toChars(cps[i]));
            AffineTransform saved = g.getTransform();
            g.translate(c + radius * Math.cos(angle), c + radius * Math.sin(angle));
            g.rotate(angle + Math.PI / 2);
            int w = g.getFontMetrics().stringWidth(ch);
            g.drawString(ch, (float) (-w / 2.0), (float) (size / 2.0));
            g.setTransform(saved);
        }
    }

    private static Path2D star(double cx, double cy, double outer) {
        double inner = outer * 0.382;
        Path2D path = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? outer : inner;
            double a = -Math.PI / 2 + i * Math.PI / 5;
            double x = cx + r * Math.cos(a);
            double y = cy + r * Math.sin(a);
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        return path;
    }

    private static Font font(Optional<File> file, String text) {
        if (file.isPresent()) {
            try {
                for (Font f : Font.createFonts(file.get())) {
                    if (f.canDisplayUpTo(text) < 0) {
                        return f;
                    }
                }
            } catch (FontFormatException | IOException e) {
                // fall back to the logical font
            }
        }
        return new Font(Font.SERIF, Font.BOLD, 12);
    }
}
