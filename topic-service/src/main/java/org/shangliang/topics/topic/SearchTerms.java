package org.shangliang.topics.topic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words to find a topic by, for Chinese written without spaces as well as for Latin letters and
 * numbers. Chinese runs are cut into single characters and overlapping pairs (bigrams: 加装电梯 →
 * 加装, 装电, 电梯), the usual n-gram way of searching Chinese without a dictionary; runs of letters
 * and digits are kept whole, lower-cased (31, ev). A topic is found when it has every term of the
 * query, so 电梯 加装 and 加装电梯 both find "31号楼3单元加装电梯". The terms are kept in the topic's
 * document with a multikey index: real MongoDB answers {@code $all} from it.
 *
 * <p>Why not a segmenter (jieba and the like): a dictionary misses local words (晾衣架, 充电棚, 易家桥)
 * and place numbers; bigrams never miss, at the price of an occasional extra match, which a list of a
 * community's topics can afford. MongoDB's own text index does not segment Chinese at all.
 */
final class SearchTerms {

    /** Terms kept per topic at most (a long description does not make the document huge). */
    static final int MAX_TERMS = 2_000;

    private SearchTerms() {
    }

    /** Every term of these texts: what a topic is found by. */
    static List<String> of(String... texts) {
        Set<String> terms = new LinkedHashSet<>();
        for (String text : texts) {
            for (Run run : runs(text)) {
                if (run.chinese()) {
                    for (int i = 0; i < run.text().length(); i++) {
                        terms.add(run.text().substring(i, i + 1));
                        if (i + 1 < run.text().length()) {
                            terms.add(run.text().substring(i, i + 2));
                        }
                    }
                } else {
                    terms.add(run.text());
                }
                if (terms.size() >= MAX_TERMS) {
                    return List.copyOf(terms).subList(0, MAX_TERMS);
                }
            }
        }
        return List.copyOf(terms);
    }

    /** The terms a topic must all have to match a query: pairs of a Chinese run (its one character when alone), whole Latin words. */
    static List<String> query(String query) {
        Set<String> terms = new LinkedHashSet<>();
        for (Run run : runs(query)) {
            if (run.chinese() && run.text().length() > 1) {
                for (int i = 0; i + 1 < run.text().length(); i++) {
                    terms.add(run.text().substring(i, i + 2));
                }
            } else {
                terms.add(run.text());
            }
        }
        return List.copyOf(terms);
    }

    private record Run(String text, boolean chinese) {
    }

    /** Runs of Chinese characters and runs of letters or digits; everything else separates them. */
    private static List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>();
        if (text == null) {
            return runs;
        }
        StringBuilder current = new StringBuilder();
        Boolean chinese = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            Boolean kind = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? Boolean.TRUE
                    : Character.isLetterOrDigit(c) ? Boolean.FALSE : null;
            if (kind == null || !kind.equals(chinese)) {
                if (!current.isEmpty()) {
                    runs.add(new Run(current.toString().toLowerCase(Locale.ROOT), chinese));
                }
                current.setLength(0);
            }
            chinese = kind;
            if (kind != null) {
                current.appendCodePoint(c);
            }
        }
        if (!current.isEmpty()) {
            runs.add(new Run(current.toString().toLowerCase(Locale.ROOT), chinese));
        }
        return runs;
    }
}
