package org.shangliang.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.platform.testing.Streams;

class SupportTest extends TopicServiceTestSupport {

    @Test
    void fiftyResidentsSupportingAtOnceAreAllCountedAndTheThresholdIsAnnouncedOnce() throws Exception {
        String id = propose("31号楼3单元加装电梯（联名）", "ELEVATOR");
        var pool = Executors.newFixedThreadPool(25);
        List<Callable<Integer>> supports = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            var neighbour = resident("neighbour-" + i + "-" + id.substring(0, 6));
            supports.add(() -> neighbour.post("/api/topics/" + id + "/supports", null).status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(supports)) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(201);
        assertThat(committee().get("/api/topics/" + id).body().get("supportCount").asInt()).isEqualTo(51);
        assertThat(Streams.events(EventCatalogue.TOPIC_SUPPORTED, id, 50, Duration.ofSeconds(30))).hasSize(50);
        assertThat(Streams.events(EventCatalogue.TOPIC_THRESHOLD_REACHED, id, 2, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void supportingTwiceIs409AndWithdrawingASupportCountsDown() {
        String id = propose("小区东门增设非机动车道", "PARKING");
        var neighbour = resident(unique("xu.jing"));
        assertThat(neighbour.post("/api/topics/" + id + "/supports", null).status()).isEqualTo(201);
        var twice = neighbour.post("/api/topics/" + id + "/supports", null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("title")).isEqualTo("当前状态不允许此操作");
        assertThat(neighbour.delete("/api/topics/" + id + "/supports").status()).isEqualTo(204);
        assertThat(neighbour.get("/api/topics/" + id).body().get("supportCount").asInt()).isEqualTo(1);
        assertThat(neighbour.delete("/api/topics/" + id + "/supports").status()).isEqualTo(409);
        assertThat(committee().post("/api/topics/" + id + "/supports", null).status()).isEqualTo(403);
    }

    @Test
    void theThresholdIsAnnouncedOnceEvenWhenSupportsDipBelowAndReachItAgain() {
        String id = propose("单元门禁更换", "SAFETY");
        List<org.shangliang.platform.testing.ApiClient> neighbours = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            neighbours.add(resident(unique("n" + i)));
            neighbours.get(i).post("/api/topics/" + id + "/supports", null);
        }
        neighbours.get(3).delete("/api/topics/" + id + "/supports");
        neighbours.get(3).post("/api/topics/" + id + "/supports", null);
        assertThat(Streams.events(EventCatalogue.TOPIC_THRESHOLD_REACHED, id, 2, Duration.ofSeconds(5))).hasSize(1);
    }
}
