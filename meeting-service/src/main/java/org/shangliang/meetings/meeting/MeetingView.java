package org.shangliang.meetings.meeting;

import java.time.OffsetDateTime;
import java.util.List;

import org.shangliang.contracts.meeting.MeetingFormat;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.meeting.CostShareSpec;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.contracts.meeting.Participant;
import org.shangliang.platform.web.ApiTime;

record MeetingView(String id, String community, String title, List<String> topicIds, OffsetDateTime startsAt,
                   OffsetDateTime endsAt, String location, MeetingFormat format, int capacity, int registered,
                   boolean registeredByMe, List<Participant> participants, Meeting.Status status, int sequence,
                   String cancellationReason, MinutesView minutes, List<OutcomeView> outcomes, OffsetDateTime createdAt,
                   OffsetDateTime updatedAt) {

    record MinutesView(String summary, List<Meeting.Opinion> opinions, String recordedBy, OffsetDateTime recordedAt) {
    }

    /** An outcome as the event carries it, its ballot's times in the community's zone like every other time. */
    record OutcomeView(String topicId, String scope, Resolution resolution, String proposal, String reason,
                       BallotView ballot, CostShareSpec costShare) {
        static OutcomeView of(Outcome o) {
            var ballot = o.ballot() == null ? null
                    : new BallotView(o.ballot().rule(), ApiTime.of(o.ballot().opensAt()), ApiTime.of(o.ballot().closesAt()));
            return new OutcomeView(o.topicId(), o.scope(), o.resolution(), o.proposal(), o.reason(), ballot,
                    o.costShare());
        }
    }

    record BallotView(BallotRule rule, OffsetDateTime opensAt, OffsetDateTime closesAt) {
    }

    /** {@code registeredByMe}: whether the viewer is registered ({@link MeetingCommands#registeredAmong}). */
    static MeetingView of(Meeting m, boolean registeredByMe) {
        var minutes = m.getMinutes() == null ? null : new MinutesView(m.getMinutes().summary(), m.getMinutes().opinions(),
                m.getMinutes().recordedBy(), ApiTime.of(m.getMinutes().recordedAt()));
        return new MeetingView(m.getId(), m.getCommunity(), m.getTitle(), m.getTopicIds(), ApiTime.of(m.getStartsAt()),
                ApiTime.of(m.getEndsAt()), m.getLocation(), m.getFormat(), m.getCapacity(), m.getRegisteredCount(),
                registeredByMe, m.getParticipants(), m.getStatus(), m.getSequence(),
                m.getCancellationReason(), minutes,
                m.getOutcomes() == null ? null : m.getOutcomes().stream().map(OutcomeView::of).toList(),
                ApiTime.of(m.getCreatedAt()),
                ApiTime.of(m.getUpdatedAt()));
    }
}
