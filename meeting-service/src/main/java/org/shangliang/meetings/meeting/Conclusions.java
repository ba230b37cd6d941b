package org.shangliang.meetings.meeting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.shangliang.contracts.meeting.BallotSpec;
import org.shangliang.contracts.meeting.CostShareSpec;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.meetings.agenda.AgendaTopics;
import org.shangliang.platform.domain.FieldProblem;
import org.shangliang.platform.domain.Rejection;
import org.springframework.stereotype.Component;

/** API.md's conclusion rules: exactly one outcome per agenda topic, each with what its resolution needs. */
@Component
class Conclusions {

    private final AgendaTopics agenda;

    Conclusions(AgendaTopics agenda) {
        this.agenda = agenda;
    }

    List<Outcome> check(Meeting meeting, MeetingRequests.Conclusion body, Instant now) {
        List<FieldProblem> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < body.outcomes().size(); i++) {
            var o = body.outcomes().get(i);
            String at = "outcomes[" + i + "]";
            if (!meeting.getTopicIds().contains(o.topicId())) {
                errors.add(new FieldProblem(at + ".topicId", "meeting.conclusion.not-on-agenda",
                        "Topic " + o.topicId() + " is not on this meeting's agenda", o.topicId()));
                continue;
            }
            if (!seen.add(o.topicId())) {
                errors.add(new FieldProblem(at + ".topicId", "meeting.conclusion.second-outcome",
                        "A second outcome for topic " + o.topicId(), titleOf(o.topicId())));
                continue;
            }
            BallotSpec ballot = null;
            switch (o.resolution()) {
                case PUT_TO_VOTE -> {
                    requireText(o.proposal(), at + ".proposal", errors);
                    if (o.ballot() == null) {
                        errors.add(new FieldProblem(at + ".ballot", "meeting.conclusion.ballot-needed",
                                "PUT_TO_VOTE needs a ballot {rule, closesAt, opensAt?}"));
                    } else {
                        Instant opens = o.ballot().opensAt() == null ? now : o.ballot().opensAt().toInstant();
                        Instant closes = o.ballot().closesAt().toInstant();
                        if (!closes.isAfter(opens) || !closes.isAfter(now)) {
                            errors.add(new FieldProblem(at + ".ballot.closesAt", "meeting.conclusion.closes-too-early",
                                    "must be after opensAt and in the future"));
                        }
                        ballot = new BallotSpec(o.ballot().rule(), o.ballot().opensAt() == null ? null : opens, closes);
                    }
                }
                case CONSENSUS -> requireText(o.proposal(), at + ".proposal", errors);
                case NOT_FEASIBLE -> requireText(o.reason(), at + ".reason", errors);
                case FURTHER_STUDY -> {
                }
            }
            var topic = agenda.find(o.topicId());
            String scope = topic.map(t -> t.getScope()).orElse(meeting.getCommunity());
            outcomes.add(new Outcome(o.topicId(), scope, o.resolution(), strip(o.proposal()), strip(o.reason()), ballot,
                    costShare(at, o, topic.map(t -> t.getCategory()).orElse(null)),
                    topic.map(t -> t.getTitle()).orElse(null)));
        }
        for (String topicId : meeting.getTopicIds()) {
            if (!seen.contains(topicId)) {
                errors.add(new FieldProblem("outcomes", "meeting.conclusion.missing-outcome",
                        "No outcome for agenda topic " + topicId, titleOf(topicId)));
            }
        }
        if (!errors.isEmpty()) {
            throw Rejection.invalid("problem.validation.detail", "The request has invalid fields", errors.size())
                    .with("errors", errors);
        }
        return outcomes;
    }

    /**
     * An elevator proposal put to the vote may carry its cost table (the owners vote on both); it is
     * checked by {@link CostTable}. Any other topic or resolution with a table is a mistake, not ignored.
     */
    private static CostShareSpec costShare(String at, MeetingRequests.OutcomeRequest o, TopicCategory category) {
        var table = o.costShare();
        if (table == null) {
            return null;
        }
        if (category != TopicCategory.ELEVATOR) {
            throw Rejection.invalid("cost-share.not-elevator", "Only an elevator topic (ELEVATOR) carries a cost-share "
                    + "table").with("field", at + ".costShare");
        }
        if (o.resolution() != Resolution.PUT_TO_VOTE) {
            throw Rejection.invalid("cost-share.not-put-to-vote", "A cost-share table is voted on with a proposal put "
                    + "to the vote (PUT_TO_VOTE) only").with("field", at + ".costShare");
        }
        return CostTable.check(at, table.totalCost(), table.coefficients().stream()
                .map(c -> new CostShareSpec.FloorCoefficient(c.floor(), c.coefficient())).toList());
    }

    /** The topic as people know it: its title, or its id when the agenda view has not seen it. */
    private String titleOf(String topicId) {
        return agenda.find(topicId).map(t -> t.getTitle()).filter(t -> t != null && !t.isBlank()).orElse(topicId);
    }

    private static void requireText(String value, String field, List<FieldProblem> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldProblem(field, "meeting.conclusion.required", "required for this resolution"));
        }
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
