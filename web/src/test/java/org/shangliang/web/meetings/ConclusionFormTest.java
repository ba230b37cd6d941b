package org.shangliang.web.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The committee's conclusion form as the API's body: the elevator's cost table typed as people type it. */
class ConclusionFormTest {

    private static Map<String, Object> outcome(Map<String, String> form) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outcomes = (List<Map<String, Object>>) MeetingPages.conclusion(form).get("outcomes");
        return outcomes.get(0);
    }

    @Test
    void theCoefficientsAreReadFromTheFirstFloorUpWhateverTheSeparatorsAndTheTotalWithItsSeparators() {
        var o = outcome(Map.of("outcomes[0].topicId", "t-31-3", "outcomes[0].resolution", "PUT_TO_VOTE",
                "outcomes[0].proposal", "加装电梯", "outcomes[0].ballot.rule", "CIVIL_CODE_MAJOR",
                "outcomes[0].costShare.totalCost", "360,000.50 元",
                "outcomes[0].costShare.coefficients", " 0，0.6、0.8, 1  1.2;1.4 "));
        @SuppressWarnings("unchecked")
        Map<String, Object> table = (Map<String, Object>) o.get("costShare");
        assertThat(table.get("totalCost")).isEqualTo(new BigDecimal("360000.50"));
        assertThat(table.get("coefficients")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(6).first().isEqualTo(Map.of("floor", 1, "coefficient", new BigDecimal("0")));
    }

    @Test
    void aSlipGoesToTheApiAsTypedSoItNamesTheFloorAndNoTableMeansNone() {
        var slip = outcome(Map.of("outcomes[0].topicId", "t-31-3", "outcomes[0].resolution", "PUT_TO_VOTE",
                "outcomes[0].costShare.totalCost", "36万", "outcomes[0].costShare.coefficients", "0 0.8o"));
        @SuppressWarnings("unchecked")
        Map<String, Object> table = (Map<String, Object>) slip.get("costShare");
        assertThat(table.get("totalCost")).isEqualTo("36万");
        assertThat(table.get("coefficients")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .element(1).isEqualTo(Map.of("floor", 2, "coefficient", "0.8o"));

        var consensus = outcome(Map.of("outcomes[0].topicId", "t-31-3", "outcomes[0].resolution", "CONSENSUS",
                "outcomes[0].costShare.totalCost", "360000"));
        assertThat(consensus).doesNotContainKey("costShare");
        var none = outcome(Map.of("outcomes[0].topicId", "t-31-3", "outcomes[0].resolution", "PUT_TO_VOTE",
                "outcomes[0].costShare.totalCost", " ", "outcomes[0].costShare.coefficients", ""));
        assertThat(none).doesNotContainKey("costShare");
    }
}
