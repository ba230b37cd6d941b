package org.shangliang.topics.topic;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.UnaryOperator;

import org.shangliang.contracts.topic.DecisionSource;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.platform.web.ApiTime;

/** A topic as docs/api.md shows it; absent parts are left out. */
record TopicView(
        String id,
        String title,
        String description,
        TopicCategory category,
        String scope,
        String scopeName,
        String community,
        TopicStatus status,
        String proposerId,
        String proposerName,
        int supportCount,
        int supportThreshold,
        boolean supportedByMe,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        ReviewView review,
        DecisionView decision,
        ProgressView progress,
        SatisfactionView satisfaction,
        String meetingId,
        String ballotId,
        MyRatingView myRating) {

    record ReviewView(String decision, String reason, String reviewerId, OffsetDateTime reviewedAt) {
    }

    record DecisionView(String outcome, DecisionSource source, String ballotId, OffsetDateTime decidedAt) {
    }

    record ProgressView(int percent, List<UpdateView> updates) {
    }

    record UpdateView(int percent, String note, String recordedBy, OffsetDateTime recordedAt) {
    }

    record SatisfactionView(BigDecimal average, int count) {
    }

    /** The viewer's own rating of the result, so a page shows it instead of asking again. */
    record MyRatingView(int stars, String comment, OffsetDateTime ratedAt) {
    }

    /** {@code supportedByMe}: whether the viewer supports it ({@link TopicCommands#supportedAmong}); {@code names} says what a scope is called in the caller's language ("越江新村 31号楼3单元"). */
    static TopicView of(Topic t, String viewerId, boolean supportedByMe, UnaryOperator<String> names) {
        var review = t.getReview() == null ? null : new ReviewView(t.getReview().decision(), t.getReview().reason(),
                t.getReview().reviewerId(), ApiTime.of(t.getReview().reviewedAt()));
        var decision = t.getDecision() == null ? null : new DecisionView(t.getDecision().outcome(),
                t.getDecision().source(), t.getDecision().ballotId(), ApiTime.of(t.getDecision().decidedAt()));
        var progress = t.getProgressUpdates().isEmpty() ? null : new ProgressView(t.getProgressPercent(),
                t.getProgressUpdates().stream().map(u -> new UpdateView(u.percent(), u.note(), u.recordedBy(),
                        ApiTime.of(u.recordedAt()))).toList());
        var satisfaction = t.getRatingCount() == 0 ? null : new SatisfactionView(t.averageStars(), t.getRatingCount());
        var mine = viewerId == null ? null : t.getRatings().stream().filter(r -> r.residentId().equals(viewerId))
                .findFirst().map(r -> new MyRatingView(r.stars(), r.comment(), ApiTime.of(r.ratedAt()))).orElse(null);
        return new TopicView(t.getId(), t.getTitle(), t.getDescription(), t.getCategory(), t.getScope(),
                names.apply(t.getScope()), t.getCommunity(), t.getStatus(), t.getProposerId(), t.getProposerName(), t.getSupportCount(),
                t.getSupportThreshold(), supportedByMe, ApiTime.of(t.getCreatedAt()),
                ApiTime.of(t.getUpdatedAt()), review, decision, progress, satisfaction, t.getMeetingId(),
                t.getBallotId(), mine);
    }
}
