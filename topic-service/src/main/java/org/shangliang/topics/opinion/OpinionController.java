package org.shangliang.topics.opinion;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
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
import org.bson.Document;
import org.shangliang.contracts.topic.OpinionStance;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ApiTime;
import org.shangliang.platform.web.Pages;
import org.shangliang.platform.web.ProblemException;
import org.shangliang.topics.topic.TopicLookup;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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

    private final MongoTemplate mongo;
    private final TopicLookup topics;
    private final Clock clock;

    OpinionController(MongoTemplate mongo, TopicLookup topics, Clock clock) {
        this.mongo = mongo;
        this.topics = topics;
        this.clock = clock;
    }

    @PostMapping
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "Post an opinion (any role of the community) until the topic is decided")
    ResponseEntity<OpinionView> post(@PathVariable String topicId, @Valid @RequestBody NewOpinion body, CurrentUser user) {
        var topic = topics.visible(topicId, user);
        if (!topics.collectsOpinions(topic)) {
            throw ProblemException.conflict("opinion.topic-decided", "The topic is decided; opinions are closed",
                    topic.getStatus()).with("currentStatus", topic.getStatus().name());
        }
        Opinion opinion = mongo.insert(Opinion.post(UUID.randomUUID().toString(), topicId, topic.getCommunity(),
                user.id(), user.name(), body.stance(), body.content().strip(), clock.instant()));
        return ResponseEntity.created(URI.create("/api/topics/" + topicId + "/opinions/" + opinion.getId()))
                .body(view(opinion));
    }

    @GetMapping
    @Operation(summary = "Opinions, newest first, with the count of each stance")
    OpinionPage list(@PathVariable String topicId, @RequestParam(defaultValue = "0") @Min(0) int page,
                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, CurrentUser user) {
        topics.visible(topicId, user);
        var opinions = Pages.find(mongo, new Query(Criteria.where("topicId").is(topicId)), Opinion.class,
                Sort.by(Sort.Direction.DESC, "createdAt"), page, size).map(OpinionController::view);
        Map<OpinionStance, Long> counts = new EnumMap<>(OpinionStance.class);
        for (OpinionStance stance : OpinionStance.values()) {
            counts.put(stance, 0L);
        }
        mongo.aggregate(Aggregation.newAggregation(Aggregation.match(Criteria.where("topicId").is(topicId)),
                        Aggregation.group("stance").count().as("count")), "opinions", Document.class)
                .forEach(d -> counts.put(OpinionStance.valueOf(d.getString("_id")), ((Number) d.get("count")).longValue()));
        return new OpinionPage(opinions.items(), page, size, opinions.total(), counts);
    }

    private static OpinionView view(Opinion o) {
        return new OpinionView(o.getId(), o.getStance(), o.getContent(), o.getAuthorId(), o.getAuthorName(),
                ApiTime.of(o.getCreatedAt()));
    }
}
