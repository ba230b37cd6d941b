package org.shangliang.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.meeting.Affiliation;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.meeting.MeetingFormat;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.contracts.topic.DecisionSource;
import org.shangliang.contracts.topic.OpinionStance;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.contracts.vote.BallotOutcome;

/** Every value of the catalogue's enums has a label in Chinese and in English (the services check theirs). */
class LabelsTest {

    @Test
    void everyEnumValueOfTheContractsHasBothLabels() {
        assertThat(Labels.missing("status", TopicStatus.values())).isEmpty();
        assertThat(Labels.missing("category", TopicCategory.values())).isEmpty();
        assertThat(Labels.missing("stance", OpinionStance.values())).isEmpty();
        assertThat(Labels.missing("decisionSource", DecisionSource.values())).isEmpty();
        assertThat(Labels.missing("affiliation", Affiliation.values())).isEmpty();
        assertThat(Labels.missing("format", MeetingFormat.values())).isEmpty();
        assertThat(Labels.missing("resolution", Resolution.values())).isEmpty();
        assertThat(Labels.missing("rule", BallotRule.values())).isEmpty();
        assertThat(Labels.missing("outcome", BallotOutcome.values())).isEmpty();
    }

    @Test
    void labelsAreGroupedWithBothLanguagesAndPlainText() {
        var all = Labels.all();
        assertThat(all.get("status").get("PROPOSED")).containsEntry("zh-CN", "征集支持中").containsEntry("en", "Collecting support");
        assertThat(all.get("rule.short").get("CIVIL_CODE_MAJOR")).containsEntry("zh-CN", "重大事项");
        assertThat(Labels.missing("status", TopicStatus.values())).isEmpty();
        // the same set of keys in both files: nothing shown in one language only
        all.forEach((group, values) -> values.forEach((value, texts) ->
                assertThat(texts.keySet()).as(group + "." + value).containsExactlyInAnyOrderElementsOf(Labels.LANGUAGES)));
    }
}
