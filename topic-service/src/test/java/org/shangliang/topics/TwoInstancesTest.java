package org.shangliang.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.infra.SharedInfrastructure;
import org.shangliang.platform.testing.ApiClient;
import org.shangliang.platform.testing.Streams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second topic-service instance on the same database and broker, as behind a load balancer: supports
 * sent to both at once are each counted once, the threshold is announced once, every event is published
 * once by one of the two relays, and an event both instances' consumers could see moves the topic once.
 */
class TwoInstancesTest extends TopicServiceTestSupport {

    private static ConfigurableApplicationContext second;
    private static int secondPort;

    @BeforeAll
    static void startSecondInstance() {
        second = new SpringApplicationBuilder(TopicServiceApplication.class)
                .initializers(new SharedInfrastructure())
                .properties("spring.application.name=topic-service", "shangliang.outbox.sweep-interval=500ms",
                        "shangliang.events.initial-back-off=50ms")
                .run("--server.port=0");
        secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stopSecondInstance() {
        second.close();
    }

    @Test
    void supportsSentToBothInstancesAtOnceAreCountedOnceEachAndTheThresholdIsAnnouncedOnce() throws Exception {
        String id = propose("31号楼3单元加装电梯（两台实例）", "ELEVATOR");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Integer>> supports = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String neighbour = "neighbour-" + i + "-" + id.substring(0, 6);
            ApiClient client = new ApiClient(i % 2 == 0 ? port : secondPort,
                    tokens.resident(neighbour, "居民" + i, "yuejiang", BUILDING_31 + "/3/" + (101 + i)));
            supports.add(() -> client.post("/api/topics/" + id + "/supports", null).status());
            if (i % 10 == 0) {
                supports.add(() -> client.post("/api/topics/" + id + "/supports", null).status()); // a double click
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(supports)) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(40);
        assertThat(statuses).filteredOn(s -> s != 201).containsOnly(409);
        var onSecond = new ApiClient(secondPort, tokens.token("wang.jianguo", "王建国", List.of("COMMITTEE"), "yuejiang", null));
        assertThat(onSecond.get("/api/topics/" + id).body().get("supportCount").asInt()).isEqualTo(41);
        assertThat(committee().get("/api/topics/" + id).body().get("supportCount").asInt()).isEqualTo(41);
        var supported = Streams.read(EventCatalogue.TOPIC_SUPPORTED.stream().streamName(),
                r -> id.equals(r.key()) && EventCatalogue.TOPIC_SUPPORTED.type().equals(Streams.header(r, "ce_type")),
                41, Duration.ofSeconds(30));
        assertThat(supported).as("each support published once, whichever relay took it").hasSize(40);
        assertThat(supported.stream().map(r -> Streams.header(r, "ce_id")).distinct()).hasSize(40);
        assertThat(Streams.events(EventCatalogue.TOPIC_THRESHOLD_REACHED, id, 2, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void aRedeliveredMeetingEventMovesTheTopicOnceWhicheverInstanceConsumesIt() {
        String id = proposeAccepted("越江新村31号楼晾衣架（两台实例）");
        String eventId = UUID.randomUUID().toString();
        Streams.publish(scheduled("m-" + id, id), eventId);
        Streams.publish(scheduled("m-" + id, id), eventId);
        awaitStatus(id, "IN_DELIBERATION");
        assertThat(Streams.events(EventCatalogue.TOPIC_STATUS_CHANGED, id, 3, Duration.ofSeconds(5)))
                .extracting(m -> m.from() + ">" + m.to()).containsExactly("PROPOSED>ACCEPTED", "ACCEPTED>IN_DELIBERATION");
    }
}
