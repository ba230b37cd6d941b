package org.shangliang.platform.testapp;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.shangliang.contracts.meeting.Affiliation;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ProblemException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SampleController {

    record NewSample(@NotBlank @Size(max = 100) String title, @NotBlank String scope, TopicCategory category,
                     OffsetDateTime startsAt, List<Participant> participants, Integer capacity) {
    }

    record Participant(String name, Affiliation affiliation) {
    }

    private final MongoTemplate mongo;

    SampleController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @PostMapping("/api/samples")
    ResponseEntity<Map<String, Object>> create(@Valid @RequestBody NewSample body, CurrentUser user) {
        var topic = new SampleTopic(java.util.UUID.randomUUID().toString(), body.title());
        topic.propose(user.id());
        mongo.save(topic);
        return ResponseEntity.created(URI.create("/api/samples/" + topic.getId()))
                .body(Map.of("id", topic.getId(), "title", topic.getTitle()));
    }

    @GetMapping("/api/samples")
    Map<String, Object> list(@RequestParam(required = false) List<TopicStatus> status) {
        return Map.of("status", status == null ? List.of() : status);
    }

    @GetMapping("/api/samples/{id}")
    Map<String, Object> get(@PathVariable String id) {
        SampleTopic topic = mongo.findById(id, SampleTopic.class);
        if (topic == null) {
            throw ProblemException.notFound("Sample", id);
        }
        return Map.of("id", topic.getId(), "title", topic.getTitle());
    }

    /** How often the slow and the failing endpoints ran (for the Idempotency-Key tests). */
    static final AtomicInteger RUNS = new AtomicInteger();
    private static final AtomicInteger FAILING = new AtomicInteger();

    public static int runs() {
        return RUNS.get();
    }

    @PostMapping("/api/samples/slow")
    ResponseEntity<Map<String, Object>> slow(@RequestBody Map<String, Object> body) throws InterruptedException {
        int run = RUNS.incrementAndGet();
        Thread.sleep(1_000);
        return ResponseEntity.status(201).body(Map.of("run", run));
    }

    @PostMapping("/api/samples/failing")
    Map<String, Object> failing() {
        int run = RUNS.incrementAndGet();
        if (FAILING.getAndIncrement() % 2 == 0) { // every other call fails, starting with the first
            throw new IllegalStateException("the store went away");
        }
        return Map.of("run", run);
    }

    @PreAuthorize("hasRole('COMMITTEE')")
    @PostMapping("/api/samples/{id}/review")
    Map<String, Object> review(@PathVariable String id) {
        return Map.of("id", id);
    }
}
