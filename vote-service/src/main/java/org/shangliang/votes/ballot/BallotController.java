package org.shangliang.votes.ballot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.vote.BallotOutcome;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ApiTime;
import org.shangliang.platform.web.PageResponse;
import org.shangliang.platform.web.ProblemException;
import org.shangliang.votes.counting.Choice;
import org.shangliang.votes.counting.Count;
import org.shangliang.votes.counting.TallyResult;
import org.shangliang.votes.counting.Threshold;
import org.shangliang.votes.roll.RollFlat;
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

@RestController
@Validated
@Tag(name = "Ballots (业主表决)", description = "Choices are secret: no answer shows another owner's choice")
class BallotController {

    record Figures(long owners, BigDecimal area) {
        static Figures of(Count c) {
            return c == null ? null : new Figures(c.owners(), c.area());
        }
    }

    /** Who voted so far; the ratios are shares of the electorate ({@code of}). */
    record Turnout(long owners, BigDecimal area, BigDecimal ownersRatio, BigDecimal areaRatio, Threshold.Basis of) {
    }

    record BallotView(String id, String topicId, String meetingId, String community, String scope, BallotRule rule,
                      String proposal, BallotStatus status, String notOpenedReason, OffsetDateTime opensAt,
                      OffsetDateTime closesAt, OffsetDateTime openedAt, OffsetDateTime closedAt, Figures electorate,
                      Turnout turnout, Boolean inElectorate, Boolean voted, List<ExtensionView> extensions,
                      OffsetDateTime lastReminderAt, int round, String rerunOf, String rerunBy, CostShareView costShare,
                      MyShareView myShare, String topicTitle) {
    }

    /**
     * An elevator's cost table as voted on: the total, the remainder rule, and per floor its
     * coefficient and, once the ballot opened, its flats and what one of them pays ({@code share};
     * {@code shareMost} is one fen more where the remainder reached some of that floor's flats).
     */
    record CostShareView(BigDecimal totalCost, String remainderRule, List<FloorShareView> floors) {
        static CostShareView of(Ballot b) {
            if (b.getCostTable() == null) {
                return null;
            }
            List<FloorShareView> floors = b.getCostShare() != null
                    ? b.getCostShare().stream().map(r -> new FloorShareView(r.floor(), r.coefficient(), r.flats(),
                            BigDecimal.valueOf(r.leastCents(), 2), BigDecimal.valueOf(r.mostCents(), 2))).toList()
                    : b.getCostTable().coefficients().stream().map(c -> new FloorShareView(c.floor(), c.coefficient(),
                            null, null, null)).toList();
            return new CostShareView(b.getCostTable().totalCost(), CostShare.REMAINDER_RULE, floors);
        }
    }

    record FloorShareView(int floor, BigDecimal coefficient, Integer flats, BigDecimal share, BigDecimal shareMost) {
    }

    /** The caller's own flats in the electorate with each one's share of the cost, and their sum. */
    record MyShareView(BigDecimal total, List<FlatShareView> flats) {
        static MyShareView of(Elector me) {
            if (me == null || me.shares() == null) {
                return null;
            }
            List<FlatShareView> flats = new ArrayList<>();
            long total = 0;
            for (String flat : me.flats()) {
                long cents = me.shareOf(flat);
                total += cents;
                flats.add(new FlatShareView(flat, RollFlat.floorOf(flat), BigDecimal.valueOf(cents, 2)));
            }
            return new MyShareView(BigDecimal.valueOf(total, 2), flats);
        }
    }

    record FlatShareView(String flat, int floor, BigDecimal share) {
    }

    record RerunRequest(OffsetDateTime opensAt, @NotNull OffsetDateTime closesAt) {
    }

    record ExtensionView(OffsetDateTime previousClosesAt, OffsetDateTime closesAt, String reason, OffsetDateTime at) {
        static ExtensionView of(Extension e) {
            return new ExtensionView(ApiTime.of(e.previousClosesAt()), ApiTime.of(e.closesAt()), e.reason(),
                    ApiTime.of(e.at()));
        }
    }

    record ExtensionRequest(@NotNull OffsetDateTime closesAt, @NotBlank @Size(min = 2, max = 500) String reason) {
    }

    record Reminded(String ballotId, int owners, OffsetDateTime at) {
    }

    /** A part of the count; its ratios are shares of what {@code of} names (the electorate, or those who voted). */
    record Share(long owners, BigDecimal area, BigDecimal ownersRatio, BigDecimal areaRatio, Threshold.Basis of) {
    }

    /**
     * A bar the result was held against: {@code fraction} (2/3) and {@code ratio} (0.6667) of what
     * {@code of} names, {@code AT_LEAST} or {@code MORE_THAN}, by the measures listed ({@code AREA},
     * {@code OWNERS}).
     */
    record ThresholdView(String fraction, BigDecimal ratio, String comparison, Threshold.Basis of, List<String> measures) {
        static ThresholdView of(Threshold t) {
            if (t == null) {
                return null;
            }
            List<String> measures = new ArrayList<>();
            if (t.byArea()) {
                measures.add("AREA");
            }
            if (t.byOwners()) {
                measures.add("OWNERS");
            }
            return new ThresholdView(t.fraction(), t.ratio(), t.strictlyMore() ? "MORE_THAN" : "AT_LEAST", t.of(),
                    List.copyOf(measures));
        }
    }

    /**
     * The count of a closed ballot. {@code participating} is a share of the electorate; the choices
     * are shares of the participants. {@code quorum} (null when the rule has none) and {@code approval}
     * are the bars of the ballot's rule that decided the outcome.
     */
    record ResultView(String ballotId, String topicId, BallotRule rule, BallotOutcome outcome, boolean quorumRequired,
                      boolean quorumMet, Figures electorate, Share participating, Share votedFor, Share votedAgainst,
                      Share abstained, OffsetDateTime closedAt, ThresholdView quorum, ThresholdView approval,
                      String topicTitle) {
    }

    record VoteRequest(@NotNull Choice choice) {
    }

    record Receipt(String receipt, String ballotId) {
    }

    /**
     * The caller's own vote; for one the committee or staff entered for her, who entered it, the
     * evidence and her contest, so a vote cast without her knowledge does not go unnoticed.
     */
    record MyVote(String ballotId, Choice choice, VoteChannel channel, String receipt, OffsetDateTime votedAt,
                  String recordedBy, String evidence, CanvassController.ContestView contest) {
        static MyVote of(String ballotId, Elector e) {
            return new MyVote(ballotId, e.choice(), e.channel(), e.receipt(), ApiTime.of(e.votedAt()), e.recordedBy(),
                    e.evidence(), CanvassController.ContestView.of(e.contest()));
        }
    }

    record ContestRequest(@NotBlank @Size(min = 2, max = 500) String reason) {
    }

    private final Ballots ballots;
    BallotController(Ballots ballots) {
        this.ballots = ballots;
    }

    @GetMapping("/api/ballots")
    PageResponse<BallotView> list(@RequestParam(required = false) @Size(max = 64) String topicId,
                                  @RequestParam(required = false) BallotStatus status,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, CurrentUser user) {
        var listed = ballots.list(user, topicId, status, page, size);
        return listed.page().map(b -> view(b, listed.turnouts().getOrDefault(b.getId(), Count.NONE),
                listed.mine().get(b.getId())));
    }

    @GetMapping("/api/ballots/{id}")
    @Operation(summary = "The ballot with its live turnout (owners and area, counted at most 2 s ago; never choices); for an elevator, the cost "
            + "table by floor and the caller's own flats' shares (myShare)")
    BallotView get(@PathVariable String id, CurrentUser user) {
        return view(ballots.visible(id, user), user);
    }

    @PostMapping("/api/ballots/{id}/votes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Vote once as an owner in the electorate; 403 outside it, 409 when voted already or not open")
    Receipt vote(@PathVariable String id, @Valid @RequestBody VoteRequest body, CurrentUser user) {
        Ballot ballot = ballots.visible(id, user);
        return new Receipt(ballots.voteOnline(ballot, user.id(), body.choice()), id);
    }

    @PostMapping("/api/ballots/{id}/extension")
    @PreAuthorize("hasAnyRole('COMMITTEE', 'STAFF')")
    @Operation(summary = "Move an open ballot's closing time later, with a reason; every owner of the electorate is "
            + "told (400 when not later than now or the current closing time, 409 when not open)")
    BallotView extend(@PathVariable String id, @Valid @RequestBody ExtensionRequest body, CurrentUser user) {
        Ballot ballot = ballots.visible(id, user);
        ballots.extend(ballot, body.closesAt().toInstant(), body.reason().strip(), user.id());
        return view(ballot, user);
    }

    @PostMapping("/api/ballots/{id}/rerun")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('COMMITTEE')")
    @Operation(summary = "Hold a ballot that closed without quorum again: the same proposal, scope and rule in a new "
            + "ballot (the next round) with the current roll; 409 for any other result or when held again already")
    BallotView rerun(@PathVariable String id, @Valid @RequestBody RerunRequest body, CurrentUser user) {
        Ballot ballot = ballots.visible(id, user);
        Ballot next = ballots.rerun(ballot, body.opensAt() == null ? null : body.opensAt().toInstant(),
                body.closesAt().toInstant(), user.id());
        return view(next, user);
    }

    @PostMapping("/api/ballots/{id}/reminders")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('COMMITTEE', 'STAFF')")
    @Operation(summary = "Remind every owner who has not voted yet, now (409 when reminded less than an hour ago, "
            + "when everyone voted, or when the ballot is not open)")
    Reminded remind(@PathVariable String id, CurrentUser user) {
        Ballot ballot = ballots.visible(id, user);
        int owners = ballots.remindNow(ballot, user.id());
        return new Reminded(id, owners, ApiTime.of(ballot.getLastReminderAt()));
    }

    @GetMapping("/api/ballots/{id}/my-vote")
    @Operation(summary = "The caller's own choice and receipt")
    MyVote myVote(@PathVariable String id, CurrentUser user) {
        Ballot ballot = ballots.visible(id, user);
        Elector elector = ballots.electorOf(ballot.getId(), user.id());
        if (elector == null) {
            throw Rejection.notAllowed("ballot.not-in-electorate", "You are not in this ballot's electorate");
        }
        if (elector.choice() == null) {
            throw ProblemException.notFound("Vote", "of " + user.id());
        }
        return MyVote.of(id, elector);
    }

    @PostMapping("/api/ballots/{id}/my-vote/contest")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Contest a vote the committee or staff recorded for you offline, with a reason, while the "
            + "ballot is open; the committee is told and resolves it (409 for your own online vote, a second "
            + "contest, or a ballot not open)")
    MyVote contest(@PathVariable String id, @Valid @RequestBody ContestRequest body, CurrentUser user) {
        Ballot ballot = ballots.visible(id, user);
        return MyVote.of(id, ballots.contest(ballot, user.id(), body.reason().strip()));
    }

    @GetMapping("/api/ballots/{id}/result")
    @Operation(summary = "The full tally once the ballot is closed (409 before)")
    ResultView result(@PathVariable String id, CurrentUser user) {
        Ballot ballot = ballots.visible(id, user);
        if (ballot.getStatus() != BallotStatus.CLOSED) {
            throw Rejection.conflict("ballot.not-closed", "The result is known once the ballot is closed",
                    Rejection.label("ballot.status." + ballot.getStatus(), ballot.getStatus()))
                    .with("currentStatus", ballot.getStatus().name());
        }
        TallyResult r = ballot.getResult();
        Count p = r.participating();
        return new ResultView(id, ballot.getTopicId(), r.rule(), r.outcome(), r.quorumRequired(), r.quorumMet(),
                Figures.of(r.electorate()), share(p, r.electorate(), Threshold.Basis.ELECTORATE),
                share(r.votedFor(), p, Threshold.Basis.PARTICIPATING), share(r.votedAgainst(), p, Threshold.Basis.PARTICIPATING),
                share(r.abstained(), p, Threshold.Basis.PARTICIPATING), ApiTime.of(ballot.getClosedAt()),
                ThresholdView.of(Threshold.quorum(r.rule())), ThresholdView.of(Threshold.approval(r.rule())),
                ballot.getTopicTitle());
    }

    private BallotView view(Ballot b, CurrentUser user) {
        boolean started = b.getStatus() == BallotStatus.OPEN || b.getStatus() == BallotStatus.CLOSED;
        return view(b, b.getStatus() == BallotStatus.OPEN ? ballots.turnout(b.getId()) : Count.NONE,
                started ? ballots.electorOf(b.getId(), user.id()) : null);
    }

    /** {@code live} is the turnout so far of an open ballot; {@code me} the caller's elector, or null. */
    private BallotView view(Ballot b, Count live, Elector me) {
        Turnout turnout = null;
        if (b.getStatus() == BallotStatus.OPEN || b.getStatus() == BallotStatus.CLOSED) {
            Count voted = b.getStatus() == BallotStatus.CLOSED ? b.getResult().participating() : live;
            turnout = new Turnout(voted.owners(), voted.area(), ratio(voted.owners(), b.getElectorate().owners()),
                    ratio(voted.areaCents(), b.getElectorate().areaCents()), Threshold.Basis.ELECTORATE);
        }
        return new BallotView(b.getId(), b.getTopicId(), b.getMeetingId(), b.getCommunity(), b.getScope(), b.getRule(),
                b.getProposal(), b.getStatus(), b.getNotOpenedReason(), ApiTime.of(b.getOpensAt()),
                ApiTime.of(b.getClosesAt()), ApiTime.of(b.getOpenedAt()), ApiTime.of(b.getClosedAt()),
                Figures.of(b.getElectorate()), turnout, me != null, me == null ? null : me.choice() != null,
                b.getExtensions().stream().map(ExtensionView::of).toList(), ApiTime.of(b.getLastReminderAt()),
                b.getRound(), b.getRerunOf(), b.getRerunBy(), CostShareView.of(b), MyShareView.of(me), b.getTopicTitle());
    }

    private static Share share(Count part, Count whole, Threshold.Basis of) {
        return new Share(part.owners(), part.area(), ratio(part.owners(), whole.owners()),
                ratio(part.areaCents(), whole.areaCents()), of);
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
