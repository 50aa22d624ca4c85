package org.tongban.platform.documents;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param font the TrueType font file (or TrueType collection, {@code .ttc}) with Chinese glyphs that every PDF
 *        embeds (as a subset) for archiving; unset: the first of the well-known system fonts that exists
 *        (WenQuanYi Zen Hei, Noto Sans CJK, Droid Sans Fallback)
 */
@ConfigurationProperties("tongban.documents")
public record DocumentsProperties(String font) {
}
