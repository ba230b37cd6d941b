package org.shangliang.topics.timeline;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ApiTime;
import org.shangliang.topics.topic.TopicLookup;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Topics (议题)")
class TimelineController {

    /**
     * One step; consecutive supports are one step "supported N times" ({@code count}, from {@code at} to
     * {@code until}). {@code actor} is the acting person's id and {@code actorName} what they are called;
     * both are absent for what the system did (a ballot closing on time) and for a group of supports.
     */
    record Step(OffsetDateTime at, String kind, String actor, String actorName, String stream, Map<String, Object> details,
                Integer count, OffsetDateTime until) {
    }

    record Timeline(String topicId, List<Step> items) {
    }

    private final TimelineEntries entries;
    private final TopicLookup topics;

    TimelineController(TimelineEntries entries, TopicLookup topics) {
        this.entries = entries;
        this.topics = topics;
    }

    @GetMapping("/api/topics/{id}/timeline")
    @Operation(summary = "Every step of the topic from every service, oldest first: proposal, supports, opinions, "
            + "review, meetings and their resolutions, ballot and its turnout and outcome, progress, completion, ratings")
    Timeline timeline(@PathVariable String id, CurrentUser user) {
        topics.visible(id, user);
        List<TimelineEntry> entries = this.entries.of(id);
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < entries.size()) {
            TimelineEntry entry = entries.get(i);
            if ("SUPPORTED".equals(entry.kind())) {
                int j = i;
                while (j + 1 < entries.size() && "SUPPORTED".equals(entries.get(j + 1).kind())) {
                    j++;
                }
                TimelineEntry last = entries.get(j);
                steps.add(new Step(ApiTime.of(entry.at()), "SUPPORTED", j == i ? entry.actor() : null,
                        j == i ? entry.actorName() : null, entry.stream(), last.details(), j - i + 1, ApiTime.of(last.at())));
                i = j + 1;
            } else {
                steps.add(new Step(ApiTime.of(entry.at()), entry.kind(), entry.actor(), entry.actorName(), entry.stream(),
                        entry.details(), null, null));
                i++;
            }
        }
        return new Timeline(id, steps);
    }
}
