package org.shangliang.topics.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SearchTermsTest {

    private static boolean finds(String query, String title, String description) {
        return SearchTerms.of(title, description).containsAll(SearchTerms.query(query));
    }

    @Test
    void chineseWithoutSpacesIsFoundByAnyOfItsWordsInAnyOrder() {
        String title = "31号楼3单元加装电梯";
        assertThat(finds("加装电梯", title, "")).isTrue();
        assertThat(finds("电梯 加装", title, "")).isTrue();
        assertThat(finds("电梯", title, "")).isTrue();
        assertThat(finds("梯", title, "")).isTrue();
        assertThat(finds("31号楼 电梯", title, "")).isTrue();
        assertThat(finds("装梯", title, "")).as("characters that are not next to each other").isFalse();
        assertThat(finds("充电桩", title, "")).isFalse();
    }

    @Test
    void lettersAndNumbersAreWholeWordsIgnoringCase() {
        assertThat(SearchTerms.query("EV 充电 Building31")).containsExactly("ev", "充电", "building31");
        assertThat(finds("ev", "EV charging shed", "")).isTrue();
        assertThat(finds("3", "31号楼", "")).as("3 is not 31").isFalse();
        assertThat(finds("31", "31号楼", "")).isTrue();
    }

    @Test
    void punctuationSeparatesAndIsNotATerm() {
        assertThat(SearchTerms.query("（电梯）、加装！")).containsExactly("电梯", "加装");
        assertThat(SearchTerms.query(".*[")).isEmpty();
        assertThat(SearchTerms.of("电梯", "")).containsExactly("电", "电梯", "梯");
    }

    @Test
    void theDescriptionCountsAndALongOneIsBounded() {
        assertThat(finds("老人", "加装电梯", "楼里老人多")).isTrue();
        String longText = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥".repeat(2);
        StringBuilder manyWords = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            manyWords.append("w").append(i).append(' ');
        }
        List<String> terms = SearchTerms.of(longText, manyWords.toString());
        assertThat(terms).hasSize(SearchTerms.MAX_TERMS).contains("甲乙", "w0");
    }
}
