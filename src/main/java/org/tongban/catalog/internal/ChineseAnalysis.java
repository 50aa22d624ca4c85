package org.tongban.catalog.internal;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * Analyzers of the catalogue index: {@code chinese} segments Chinese text into words with Lucene's smartcn (a
 * hidden-Markov-model segmenter trained on a large corpus) and drops punctuation; {@code codes} keeps
 * space-separated codes as they are.
 */
public class ChineseAnalysis implements LuceneAnalysisConfigurer {

    /** The {@code chinese} analyzer itself, also for segmenting outside the index (highlighting names). */
    static final Analyzer CHINESE = new SmartChineseAnalyzer();

    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        context.analyzer(ImplementationItem.CHINESE).instance(CHINESE);
        context.analyzer(ImplementationItem.CODES).instance(new WhitespaceAnalyzer());
    }
}
