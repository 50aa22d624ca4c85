package org.tongban.catalog;

/** A legal basis (设定依据): a law or regulation and, where cited, its article, e.g. 《食品安全法》第三十五条. */
public record LegalBasis(String law, String article) {

    @Override
    public String toString() {
        return article == null || article.isBlank() ? law : law + article;
    }
}
