package org.shangliang.meetings.meeting;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.shangliang.contracts.meeting.Affiliation;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.meeting.MeetingFormat;
import org.shangliang.contracts.meeting.Resolution;

final class MeetingRequests {

    private MeetingRequests() {
    }

    record ParticipantRequest(@NotBlank @Size(max = 50) String name, @Size(max = 64) String userId,
                              @NotNull Affiliation affiliation) {
    }

    record NewMeeting(@NotBlank @Size(max = 100) String title,
                      @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 64) String> topicIds,
                      @NotNull OffsetDateTime startsAt, @NotNull OffsetDateTime endsAt,
                      @NotBlank @Size(max = 200) String location, @NotNull MeetingFormat format,
                      @NotNull @Min(1) @Max(10_000) Integer capacity,
                      @Size(max = 200) List<@Valid @NotNull ParticipantRequest> participants) {
    }

    record Schedule(@NotNull OffsetDateTime startsAt, @NotNull OffsetDateTime endsAt,
                    @NotBlank @Size(max = 200) String location) {
    }

    record Cancellation(@NotBlank @Size(max = 1000) String reason) {
    }

    record OpinionRequest(@NotBlank @Size(max = 50) String speaker, @NotNull Affiliation affiliation,
                          @NotBlank @Size(max = 2000) String content) {
    }

    record MinutesRequest(@NotBlank @Size(max = 10_000) String summary,
                          @Size(max = 500) List<@Valid @NotNull OpinionRequest> opinions) {
    }

    record BallotRequest(@NotNull BallotRule rule, OffsetDateTime opensAt, @NotNull OffsetDateTime closesAt) {
    }

    record OutcomeRequest(@NotBlank String topicId, @NotNull Resolution resolution, @Size(max = 2000) String proposal,
                          @Size(max = 2000) String reason, @Valid BallotRequest ballot,
                          @Valid CostShareRequest costShare) {
    }

    /** An elevator's cost table: the total in yuan and a coefficient for every floor from 1 to the top. */
    record CostShareRequest(@NotNull BigDecimal totalCost,
                            @NotNull @Size(min = 1, max = CostTable.TOP_FLOOR) List<@Valid @NotNull FloorCoefficientRequest> coefficients) {
    }

    record FloorCoefficientRequest(@NotNull Integer floor, @NotNull BigDecimal coefficient) {
    }

    record Conclusion(@NotNull @Size(max = 20) List<@Valid @NotNull OutcomeRequest> outcomes) {
    }
}
