package org.shangliang.topics.topic;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.shangliang.contracts.Labels;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ApiTime;
import org.shangliang.platform.web.FieldError;
import org.shangliang.platform.web.PageResponse;
import org.shangliang.platform.web.ProblemException;
import org.shangliang.topics.place.PlaceBook;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/topics")
@Validated
@Tag(name = "Topics (议题)", description = "From proposal through deliberation and decision to completion and rating")
class TopicController {

    private final TopicCommands commands;
    private final TopicQueries queries;
    private final PlaceBook places;

    TopicController(TopicCommands commands, TopicQueries queries, PlaceBook places) {
        this.commands = commands;
        this.queries = queries;
        this.places = places;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Propose a topic (any role); the proposer is its first supporter. 403 when the scope lies "
            + "outside the caller's community.")
    ResponseEntity<TopicView> propose(@Valid @RequestBody TopicRequests.NewTopic body, CurrentUser user) {
        Topic topic = commands.propose(body, user);
        return ResponseEntity.created(URI.create("/api/topics/" + topic.getId())).body(view(topic, user));
    }

    @GetMapping
    @Operation(summary = "Topics of the caller's community, newest first. status takes several values "
            + "(status=PROPOSED&status=ACCEPTED, or PROPOSED,ACCEPTED); concerns=me keeps the topics whose scope "
            + "contains the caller's home (residents); q finds topics having every word in their title or description "
            + "(Chinese without spaces too: 加装电梯 and 电梯 加装 both find 加装电梯)")
    PageResponse<TopicView> list(@RequestParam(required = false) Set<TopicStatus> status,
                                 @RequestParam(required = false) TopicCategory category,
                                 @RequestParam(required = false) @Size(max = 200) String scope,
                                 @RequestParam(required = false) @Parameter(description = "me: the topics that concern "
                                         + "the caller's home") String concerns,
                                 @RequestParam(required = false) @Size(max = 100) String q,
                                 @RequestParam(defaultValue = "0") @Min(0) int page,
                                 @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, CurrentUser user) {
        String home = null;
        if (concerns != null) {
            if (!concerns.equals("me")) {
                throw Rejection.invalid("topic.concerns-me", "concerns takes only the value me", concerns)
                        .with("field", "concerns");
            }
            if (user.home() == null || user.home().isBlank()) {
                throw Rejection.invalid("topic.concerns-no-home",
                        "concerns=me needs a home: only residents with a registered flat have one").with("field", "concerns");
            }
            home = user.home();
        }
        var names = names();
        var found = queries.find(user, new TopicQueries.Filter(status, category, scope, home, q), page, size);
        Set<String> supported = commands.supportedAmong(found.items(), user);
        return found.map(t -> TopicView.of(t, user.id(), supported.contains(t.getId()), names));
    }

    /** The near-duplicates of a title in a scope, for a client to show before proposing. */
    record Similar(List<TopicView> items) {
    }

    @GetMapping("/similar")
    @Operation(summary = "Topics a new proposal with this title and scope would repeat: the scope overlaps and the "
            + "title is much the same (withdrawn and rejected topics do not count), the most alike first, at most 5. "
            + "A client shows them before proposing: supporting one helps more than a second topic")
    Similar similar(@RequestParam @NotBlank @Size(max = 100) String title,
                    @RequestParam @NotBlank @Size(max = 200) String scope, CurrentUser user) {
        var names = names();
        List<Topic> similar = queries.similar(user, title, scope, 5);
        Set<String> supported = commands.supportedAmong(similar, user);
        return new Similar(similar.stream().map(t -> TopicView.of(t, user.id(), supported.contains(t.getId()), names))
                .toList());
    }

    @GetMapping("/{id}")
    TopicView get(@PathVariable String id, CurrentUser user) {
        return view(commands.visible(id, user), user);
    }

    @PostMapping("/{id}/supports")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('RESIDENT')")
    @Operation(summary = "Support a topic (residents); 409 when already supported or the topic is decided")
    TopicView support(@PathVariable String id, CurrentUser user) {
        return TopicView.of(commands.support(id, user), user.id(), true, names());
    }

    @DeleteMapping("/{id}/supports")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('RESIDENT')")
    @Operation(summary = "Withdraw one's support while the topic is undecided; the proposer's cannot be withdrawn")
    void withdrawSupport(@PathVariable String id, CurrentUser user) {
        commands.withdrawSupport(id, user);
    }

    @PostMapping("/{id}/withdrawal")
    @Operation(summary = "The proposer withdraws the topic, only while PROPOSED")
    TopicView withdraw(@PathVariable String id, CurrentUser user) {
        return view(commands.change(id, user, t -> t.withdraw(user.id(), commands.clock().instant())), user);
    }

    @PostMapping("/{id}/review")
    @PreAuthorize("hasRole('COMMITTEE')")
    @Operation(summary = "The committee accepts or rejects a PROPOSED topic; a rejection needs a reason")
    TopicView review(@PathVariable String id, @Valid @RequestBody TopicRequests.ReviewRequest body, CurrentUser user) {
        boolean accept = body.decision() == TopicRequests.ReviewRequest.Decision.ACCEPT;
        if (!accept && (body.reason() == null || body.reason().isBlank())) {
            throw ProblemException.badRequest("topic.reason-required",
                    "A rejection needs a reason").with("errors",
                    List.of(new FieldError("reason", "must not be blank")));
        }
        return view(commands.change(id, user, t -> t.review(accept, body.reason(), user.id(),
                commands.clock().instant())), user);
    }

    @PostMapping("/{id}/progress")
    @PreAuthorize("hasRole('STAFF')")
    @Operation(summary = "Staff record implementation progress; the first update moves an APPROVED topic to "
            + "IMPLEMENTING; the percentage never goes down")
    TopicView progress(@PathVariable String id, @Valid @RequestBody TopicRequests.ProgressRequest body, CurrentUser user) {
        return view(commands.change(id, user, t -> t.recordProgress(body.percent(), body.note().strip(), user.id(),
                commands.clock().instant())), user);
    }

    @PostMapping("/{id}/completion")
    @PreAuthorize("hasRole('STAFF')")
    @Operation(summary = "Staff complete an IMPLEMENTING topic; supporters are invited to rate it")
    TopicView complete(@PathVariable String id, @Valid @RequestBody TopicRequests.CompletionRequest body,
                       CurrentUser user) {
        return view(commands.change(id, user, t -> t.complete(body.note().strip(), user.id(),
                commands.clock().instant())), user);
    }

    @PostMapping("/{id}/ratings")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('RESIDENT')")
    @Operation(summary = "A resident rates a COMPLETED topic once, 1 to 5 stars")
    TopicView rate(@PathVariable String id, @Valid @RequestBody TopicRequests.RatingRequest body, CurrentUser user) {
        return view(commands.change(id, user, t -> t.rate(user.id(), user.home(), body.stars(),
                body.comment() == null ? null : body.comment().strip(), commands.clock().instant())), user);
    }

    /** 回头看: how residents rated the result, star by star, with their comments (never who wrote which). */
    record RatingsView(String topicId, BigDecimal averageStars, int ratingCount,
                       Map<Integer, Long> distribution, List<CommentView> comments,
                       OffsetDateTime followUpNeededAt, List<FollowUpView> followUps) {
    }

    record CommentView(int stars, String comment, OffsetDateTime ratedAt) {
    }

    record FollowUpView(String note, String recordedBy, OffsetDateTime recordedAt) {
    }

    @GetMapping("/{id}/ratings")
    @Operation(summary = "How residents rated a completed topic: the average, the count of each number of stars (1 to 5), "
            + "the comments newest first (without who wrote them), whether a follow-up is needed and the follow-ups")
    RatingsView ratings(@PathVariable String id, CurrentUser user) {
        Topic topic = commands.visible(id, user);
        Map<Integer, Long> distribution = new TreeMap<>();
        for (int stars = 1; stars <= 5; stars++) {
            distribution.put(stars, 0L);
        }
        topic.getRatings().forEach(r -> distribution.merge(r.stars(), 1L, Long::sum));
        var comments = topic.getRatings().stream().filter(r -> r.comment() != null && !r.comment().isBlank())
                .sorted(Comparator.comparing(Topic.Rating::ratedAt).reversed())
                .map(r -> new CommentView(r.stars(), r.comment(), ApiTime.of(r.ratedAt())))
                .toList();
        var followUps = topic.getFollowUps().stream().map(f -> new FollowUpView(f.note(), f.recordedBy(),
                ApiTime.of(f.recordedAt()))).toList();
        return new RatingsView(id, topic.averageStars(), topic.getRatingCount(), distribution, comments,
                ApiTime.of(topic.getFollowUpNeededAt()), followUps);
    }

    @PostMapping("/{id}/follow-ups")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('COMMITTEE', 'STAFF')")
    @Operation(summary = "Record what was done to follow up a completed topic (回头看); it goes on the timeline")
    TopicView followUp(@PathVariable String id, @Valid @RequestBody TopicRequests.FollowUpRequest body, CurrentUser user) {
        return view(commands.change(id, user, t -> t.recordFollowUp(body.note().strip(), user.id(),
                commands.clock().instant())), user);
    }

    private TopicView view(Topic topic, CurrentUser user) {
        return TopicView.of(topic, user.id(), commands.supportedAmong(List.of(topic), user).contains(topic.getId()), names());
    }

    /** Place names in the caller's language, each community's roll read once per request. */
    private UnaryOperator<String> names() {
        return places.names(Labels.languageOf(LocaleContextHolder.getLocale()));
    }
}
