package org.tongban.catalog.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.springframework.web.util.HtmlUtils;

/**
 * Marks in an item's name the words a query contains, as the search index segments both: {@code 开饭店} (widened
 * to {@code 食品经营}) marks {@code <mark>食品</mark><mark>经营</mark>许可}. A name is a few words, so segmenting it
 * again costs microseconds — far less than Lucene's highlighters, which match the whole query (every synonym
 * variant, every field, every filter) against each hit's term vectors.
 */
final class NameHighlighter {

    private final Analyzer analyzer;
    private final Set<String> words = new HashSet<>();

    /** @param queries the text as typed and its synonym variants */
    NameHighlighter(Analyzer analyzer, Collection<String> queries) {
        this.analyzer = analyzer;
        for (String query : queries) {
            segment(query, (word, start, end) -> words.add(word));
        }
    }

    /** The name as HTML: everything escaped, the query's words wrapped in {@code <mark>}. */
    String highlight(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder html = new StringBuilder(name.length() + 32);
        int[] last = { 0 };
        segment(name, (word, start, end) -> {
            if (start >= last[0] && words.contains(word)) {
                html.append(HtmlUtils.htmlEscape(name.substring(last[0], start))).append("<mark>")
                        .append(HtmlUtils.htmlEscape(name.substring(start, end))).append("</mark>");
                last[0] = end;
            }
        });
        return html.append(HtmlUtils.htmlEscape(name.substring(last[0]))).toString();
    }

    @FunctionalInterface
    private interface WordConsumer {
        void accept(String word, int start, int end);
    }

    private void segment(String text, WordConsumer consumer) {
        try (TokenStream tokens = analyzer.tokenStream(ImplementationItem.CHINESE, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                consumer.accept(term.toString(), offset.startOffset(), offset.endOffset());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
