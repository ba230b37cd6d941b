package org.shangliang.topics.opinion;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.shangliang.contracts.topic.OpinionStance;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ApiTime;
import org.shangliang.platform.web.ProblemException;
import org.shangliang.topics.topic.TopicLookup;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** 意见征集: opinions with a stance, collected until the topic is decided. */
@RestController
@RequestMapping("/api/topics/{topicId}/opinions")
@Validated
@Tag(name = "Opinions (意见征集)")
class OpinionController {

    record NewOpinion(@NotNull OpinionStance stance, @NotBlank @Size(max = 2000) String content) {
    }

    record OpinionView(String id, OpinionStance stance, String content, String authorId, String authorName,
                       OffsetDateTime createdAt) {
    }

    record OpinionPage(List<OpinionView> items, int page, int size, long total, Map<OpinionStance, Long> counts) {
    }

    private final Opinions opinions;
    private final TopicLookup topics;
    private final Clock clock;

    OpinionController(Opinions opinions, TopicLookup topics, Clock clock) {
        this.opinions = opinions;
        this.topics = topics;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Post an opinion (any role of the community) until the topic is decided")
    ResponseEntity<OpinionView> post(@PathVariable String topicId, @Valid @RequestBody NewOpinion body, CurrentUser user) {
        var topic = topics.visible(topicId, user);
        if (!topics.collectsOpinions(topic)) {
            throw ProblemException.conflict("opinion.topic-decided", "The topic is decided; opinions are closed",
                    topic.getStatus()).with("currentStatus", topic.getStatus().name());
        }
        Opinion opinion = opinions.add(Opinion.post(UUID.randomUUID().toString(), topicId, topic.getCommunity(),
                user.id(), user.name(), body.stance(), body.content().strip(), clock.instant()));
        return ResponseEntity.created(URI.create("/api/topics/" + topicId + "/opinions/" + opinion.getId()))
                .body(view(opinion));
    }

    @GetMapping
    @Operation(summary = "Opinions, newest first, with the count of each stance")
    OpinionPage list(@PathVariable String topicId, @RequestParam(defaultValue = "0") @Min(0) int page,
                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, CurrentUser user) {
        topics.visible(topicId, user);
        var found = opinions.page(topicId, page, size).map(OpinionController::view);
        return new OpinionPage(found.items(), page, size, found.total(), opinions.countsByStance(topicId));
    }

    private static OpinionView view(Opinion o) {
        return new OpinionView(o.getId(), o.getStance(), o.getContent(), o.getAuthorId(), o.getAuthorName(),
                ApiTime.of(o.getCreatedAt()));
    }
}
