package org.shangliang.votes.ballot;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ApiTime;
import org.shangliang.votes.counting.Choice;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Door to door (入户征询): who in the electorate has voted and who not yet, by building, entrance and
 * flat, never with their choice; and the offline votes grid workers and the committee bring back,
 * recorded by flat, by holder or by owner id (the roll is the electorate: an owner needs no account).
 */
@RestController
@Validated
@PreAuthorize("hasAnyRole('COMMITTEE', 'STAFF')")
@Tag(name = "Ballots (业主表决)")
class CanvassController {

    record OfflineVoteRequest(@Size(max = 64) String ownerId, @Size(max = 200) String flat,
                              @Size(max = 200) String holder, @NotNull Choice choice, @NotNull VoteChannel channel,
                              @NotBlank @Size(max = 500) String evidence) {
    }

    record OfflineReceipt(String receipt, String ballotId, String holder, List<String> flats, VoteChannel channel,
                          OffsetDateTime votedAt) {
    }

    /** A contest as the committee, staff and the owner read it. */
    record ContestView(String reason, OffsetDateTime contestedAt, Contest.Status status, String resolvedBy,
                       String resolution, OffsetDateTime resolvedAt) {
        static ContestView of(Contest c) {
            return c == null ? null : new ContestView(c.reason(), ApiTime.of(c.contestedAt()), c.status(),
                    c.resolvedBy(), c.resolution(), ApiTime.of(c.resolvedAt()));
        }
    }

    record VoidedView(VoteChannel channel, String evidence, String recordedBy, OffsetDateTime votedAt,
                      String contestReason, String voidedBy, String reason, OffsetDateTime voidedAt) {
        static VoidedView of(VoidedVote v) {
            return new VoidedView(v.channel(), v.evidence(), v.recordedBy(), ApiTime.of(v.votedAt()), v.contestReason(),
                    v.voidedBy(), v.reason(), ApiTime.of(v.voidedAt()));
        }
    }

    /** Who entered which offline vote, and its contest and voided entries: the record, never the choice. */
    record OfflineRecord(String holder, String ownerId, List<String> flats, VoteChannel channel, String evidence,
                         String recordedBy, OffsetDateTime votedAt, ContestView contest,
                         List<VoidedView> voided) {
        static OfflineRecord of(Elector e) {
            boolean offline = e.channel() != null && e.channel().offline();
            return new OfflineRecord(e.holder(), e.ownerId(), e.flats(), offline ? e.channel() : null,
                    offline ? e.evidence() : null, offline ? e.recordedBy() : null,
                    offline ? ApiTime.of(e.votedAt()) : null, ContestView.of(e.contest()),
                    e.voidedVotes().stream().map(VoidedView::of).toList());
        }
    }

    record OfflineRecords(String ballotId, int pendingContests, List<OfflineRecord> records) {
    }

    record Resolution(@NotBlank @Size(max = 200) String holder, @NotNull Contest.Decision decision,
                      @NotBlank @Size(min = 2, max = 500) String reason) {
    }

    private final Ballots ballots;

    CanvassController(Ballots ballots) {
        this.ballots = ballots;
    }

    @GetMapping("/api/ballots/{id}/electorate")
    @Operation(summary = "Who has voted and who not yet, by building → entrance → flat, with counts by channel; "
            + "never a choice. `within` narrows to a building or entrance inside the ballot's scope (default: the "
            + "whole scope); flats are listed when `within` is a building or smaller, counts always")
    Canvass.View electorate(@PathVariable String id, @RequestParam(required = false) @Size(max = 200) String within,
                            CurrentUser user) {
        Ballot ballot = ballots.visible(id, user);
        if (ballot.getStatus() != BallotStatus.OPEN && ballot.getStatus() != BallotStatus.CLOSED) {
            throw Rejection.conflict("ballot.no-electorate-yet", "The electorate is frozen when the ballot opens",
                    Rejection.label("ballot.status." + ballot.getStatus(), ballot.getStatus()))
                    .with("currentStatus", ballot.getStatus().name());
        }
        String place = within == null || within.isBlank() ? ballot.getScope() : within.strip();
        Canvass canvass = Canvass.within(ballot.getScope(), place);
        ballots.electorsWithin(id, place, canvass::add);
        return canvass.view(id, ballot.getStatus());
    }

    @PostMapping("/api/ballots/{id}/offline-votes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a paper, door-to-door or on-site vote with its evidence, naming exactly one of the "
            + "flat, the registered holder or the owner id; counted once together with online votes (409 when that "
            + "holder voted already, 400 when nobody of the electorate answers to it)")
    OfflineReceipt offlineVote(@PathVariable String id, @Valid @RequestBody OfflineVoteRequest body, CurrentUser user) {
        Voter voter = voter(body);
        Ballot ballot = ballots.visible(id, user);
        Elector elector = ballots.voteOffline(ballot, voter, body.choice(), body.channel(), body.evidence().strip(),
                user.id());
        return new OfflineReceipt(elector.receipt(), id, elector.holder(), elector.flats(), elector.channel(),
                ApiTime.of(elector.votedAt()));
    }

    private static Voter voter(OfflineVoteRequest body) {
        List<Voter> named = new ArrayList<>();
        if (body.flat() != null && !body.flat().isBlank()) {
            named.add(new Voter.Flat(body.flat().strip()));
        }
        if (body.holder() != null && !body.holder().isBlank()) {
            named.add(new Voter.Holder(body.holder().strip()));
        }
        if (body.ownerId() != null && !body.ownerId().isBlank()) {
            named.add(new Voter.Owner(body.ownerId().strip()));
        }
        if (named.size() != 1) {
            throw Rejection.invalid("ballot.name-one-voter", "Name exactly one of flat, holder or ownerId")
                    .with("field", "flat");
        }
        return named.get(0);
    }

    @GetMapping("/api/ballots/{id}/offline-votes")
    @Operation(summary = "Who entered which offline vote for whom, how, on what evidence and when, with owners' "
            + "contests and the votes voided after one (never a choice); pending contests first")
    OfflineRecords offlineVotes(@PathVariable String id, CurrentUser user) {
        Ballot ballot = ballots.visible(id, user);
        List<OfflineRecord> records = new ArrayList<>(ballots.offlineRecords(ballot.getId()).stream()
                .map(OfflineRecord::of).toList());
        records.sort(Comparator.comparing((OfflineRecord r) -> r.contest() == null
                || r.contest().status() != Contest.Status.PENDING).thenComparing(r -> r.votedAt() == null
                ? OffsetDateTime.MIN : r.votedAt(), Comparator.reverseOrder()));
        int pending = (int) records.stream().filter(r -> r.contest() != null
                && r.contest().status() == Contest.Status.PENDING).count();
        return new OfflineRecords(id, pending, records);
    }

    @PostMapping("/api/ballots/{id}/contest-resolutions")
    @PreAuthorize("hasRole('COMMITTEE')")
    @Operation(summary = "Resolve an owner's contest of an offline vote while the ballot is open: VOID removes the "
            + "vote (kept in the audit; the owner may vote again) or UPHOLD keeps it, with a reason; the owner is told "
            + "(409 when no contest is pending or the ballot is not open)")
    OfflineRecord resolve(@PathVariable String id, @Valid @RequestBody Resolution body, CurrentUser user) {
        Ballot ballot = ballots.visible(id, user);
        return OfflineRecord.of(ballots.resolveContest(ballot, body.holder().strip(), body.decision(),
                body.reason().strip(), user.id()));
    }
}
