package org.shangliang.topics.topic;

import java.util.HashSet;
import java.util.Set;

/**
 * Whether two titles say much the same thing, so a resident about to propose "加装电梯" for building
 * 31 learns that "31号楼3单元加装电梯" is already collecting supports (supporting it helps more than a
 * second topic). Titles are compared by their search terms (see {@link SearchTerms}: Chinese pairs,
 * whole Latin words) with the Dice coefficient, 2·|A∩B| / (|A|+|B|), leaving out what only names the
 * place (numbers, and pairs with 号 楼 单 元 栋 幢 层 室 户 村 区 社): titles of one entrance all begin
 * with "31号楼3单元", which says nothing about the matter, and candidates share the place anyway.
 */
final class SimilarTitles {

    /** From this much alike, a title counts as a near-duplicate. */
    static final double NEAR_DUPLICATE = 0.5;

    private static final String PLACE_CHARACTERS = "号楼单元栋幢层室户村区社";

    private SimilarTitles() {
    }

    /** The terms of a title that say what the matter is. */
    static Set<String> matterTerms(String title) {
        Set<String> terms = new HashSet<>();
        for (String term : SearchTerms.query(title)) {
            if (term.chars().allMatch(Character::isDigit)
                    || term.chars().anyMatch(c -> PLACE_CHARACTERS.indexOf(c) >= 0)) {
                continue;
            }
            terms.add(term);
        }
        return terms;
    }

    static double similarity(String a, String b) {
        return similarity(matterTerms(a), matterTerms(b));
    }

    /** The Dice coefficient of two titles' matter terms. */
    static double similarity(Set<String> left, Set<String> right) {
        if (left.isEmpty() || right.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (String term : left) {
            if (right.contains(term)) {
                shared++;
            }
        }
        return 2.0 * shared / (left.size() + right.size());
    }

    static boolean nearDuplicates(String a, String b) {
        return similarity(a, b) >= NEAR_DUPLICATE;
    }
}
