package org.shangliang.web.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The path of a topic as steps, and form values as the API reads them. */
class TopicPagesTest {

    @Test
    void stepsShowWhatIsDoneWhereTheTopicIsAndWhatIsToCome() {
        List<Map<String, String>> steps = TopicPages.steps("VOTING");
        assertThat(steps).extracting(s -> s.get("status")).containsExactly("PROPOSED", "ACCEPTED", "IN_DELIBERATION",
                "VOTING", "APPROVED", "IMPLEMENTING", "COMPLETED");
        assertThat(steps).extracting(s -> s.get("state")).containsExactly("done", "done", "done", "current", "todo",
                "todo", "todo");
    }

    @Test
    void aTopicThatEndedEarlyShowsItsEnd() {
        assertThat(TopicPages.steps("REJECTED")).extracting(s -> s.get("status") + ":" + s.get("state"))
                .containsExactly("PROPOSED:done", "REJECTED:current");
        assertThat(TopicPages.steps("WITHDRAWN")).extracting(s -> s.get("status") + ":" + s.get("state"))
                .containsExactly("PROPOSED:done", "WITHDRAWN:current");
    }

    @Test
    void numbersGoAsNumbersAndAnythingElseAsTypedSoTheApiNamesTheField() {
        assertThat(org.shangliang.web.page.Forms.number(" 50 ")).isEqualTo(50);
        assertThat(org.shangliang.web.page.Forms.number("五十")).isEqualTo("五十");
        assertThat(org.shangliang.web.page.Forms.number("")).isNull();
        assertThat(org.shangliang.web.page.Forms.optional("  ")).isNull();
    }
}
