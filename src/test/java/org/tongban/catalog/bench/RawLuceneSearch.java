package org.tongban.catalog.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The reference: the catalogue's query written directly against Lucene on the very index directory the application
 * writes — same analyzer, fields, boosts, filters and sort, top page with the exact total, the stored names of the
 * hits. No Hibernate, no database, no highlighting, no theme counts: what the search costs with nothing around it.
 */
final class RawLuceneSearch implements AutoCloseable {

    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer = new SmartChineseAnalyzer();
    private final Sort sort;

    RawLuceneSearch(Path indexDirectory) throws IOException {
        this.reader = DirectoryReader.open(FSDirectory.open(indexDirectory));
        this.searcher = new IndexSearcher(reader);
        FieldInfos infos = FieldInfos.getMergedFieldInfos(reader);
        this.sort = new Sort(SortField.FIELD_SCORE, stringSort(infos, "name_sort"), stringSort(infos, "divisionCode"));
    }

    private static SortField stringSort(FieldInfos infos, String field) {
        FieldInfo info = infos.fieldInfo(field);
        if (info != null && info.getDocValuesType() == DocValuesType.SORTED_SET) {
            return new SortedSetSortField(field, false);
        }
        return new SortField(field, SortField.Type.STRING);
    }

    int documents() {
        return reader.numDocs();
    }

    /** The fields of the index with their doc-values types, to check that the reference reads what it should. */
    String describe() {
        StringBuilder out = new StringBuilder();
        for (FieldInfo info : FieldInfos.getMergedFieldInfos(reader)) {
            out.append(info.name).append('[').append(info.getIndexOptions()).append(',')
                    .append(info.getDocValuesType()).append("] ");
        }
        return out.toString();
    }

    /** One page of hits: their stored names, and the total. */
    record Result(long total, List<String> names) {
    }

    Result search(List<String> variants, List<String> lineage, int size) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        query.add(new TermQuery(new Term("status", "PUBLISHED")), Occur.FILTER);
        if (!lineage.isEmpty()) {
            String division = lineage.getLast();
            BooleanQuery.Builder within = new BooleanQuery.Builder();
            within.add(new TermInSetQuery("divisionCode", lineage.stream().map(BytesRef::new).toList()), Occur.SHOULD);
            within.add(new TermQuery(new Term("divisionLineage", division)), Occur.SHOULD);
            query.add(within.build(), Occur.FILTER);
            query.add(new BoostQuery(new TermQuery(new Term("divisionCode", division)), 3f), Occur.SHOULD);
        }
        if (!variants.isEmpty()) {
            SimpleQueryParser parser = new SimpleQueryParser(analyzer,
                    Map.of("name", 4f, "aliases", 2f, "materialsText", 1f, "conditionsText", 1f),
                    SimpleQueryParser.WHITESPACE_OPERATOR);
            parser.setDefaultOperator(Occur.MUST);
            BooleanQuery.Builder text = new BooleanQuery.Builder();
            for (String variant : variants) {
                Query parsed = parser.parse(variant);
                if (parsed != null) {
                    text.add(parsed, Occur.SHOULD);
                }
            }
            query.add(text.build(), Occur.MUST);
        }
        TopFieldDocs top = searcher.search(query.build(),
                new TopFieldCollectorManager(sort, size, null, Integer.MAX_VALUE, true));
        List<String> names = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            Document document = searcher.storedFields().document(hit.doc, java.util.Set.of("name"));
            names.add(document.get("name"));
        }
        return new Result(top.totalHits.value, names);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
