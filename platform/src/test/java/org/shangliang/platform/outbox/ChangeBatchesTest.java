package org.shangliang.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Group commit without a store: many requests on one aggregate, applied in batches, each answered on its own. */
class ChangeBatchesTest {

    private final ChangeBatches<Integer> batches = new ChangeBatches<>(new AggregateLocks(16));
    private final List<Integer> applied = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

    /** Applies a batch like a slow save: odd requests are refused, the others answered with their square. */
    private List<ChangeBatches.Outcome> slowSave(List<Integer> requests) {
        batchSizes.add(requests.size());
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ChangeBatches.Outcome> outcomes = new ArrayList<>();
        for (int r : requests) {
            if (r % 2 == 1) {
                outcomes.add(ChangeBatches.Outcome.refused(new IllegalArgumentException("odd " + r)));
            } else {
                applied.add(r);
                outcomes.add(ChangeBatches.Outcome.of(r * r));
            }
        }
        return outcomes;
    }

    @Test
    void requestsArrivingTogetherAreAppliedInBatchesAndEachGetsItsOwnAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int request = i;
            calls.add(() -> {
                try {
                    int squared = batches.submit("topic-31", request, this::slowSave);
                    return squared;
                } catch (IllegalArgumentException refused) {
                    return refused.getMessage();
                }
            });
        }
        List<Future<Object>> answers = pool.invokeAll(calls);
        pool.shutdown();

        for (int i = 0; i < 400; i++) {
            assertThat(answers.get(i).get()).isEqualTo(i % 2 == 1 ? "odd " + i : (Object) (i * i));
        }
        assertThat(applied).hasSize(200).doesNotHaveDuplicates();
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).as("every request applied once").isEqualTo(400);
        assertThat(batchSizes.size()).as("far fewer saves than requests: %s", batchSizes).isLessThan(100);
    }

    @Test
    void aBatchThatFailsFailsEachOfItsRequestsAndTheNextOneStartsAfresh() {
        assertThatThrownBy(() -> batches.submit("topic-7", 2, requests -> {
            throw new IllegalStateException("store unavailable");
        })).hasMessage("store unavailable");
        int answer = batches.submit("topic-7", 4, this::slowSave);
        assertThat(answer).isEqualTo(16);
    }

    @Test
    void otherAggregatesDoNotWaitInTheSameBatch() {
        int a = batches.submit("topic-a", 2, this::slowSave);
        int b = batches.submit("topic-b", 4, this::slowSave);
        assertThat(a).isEqualTo(4);
        assertThat(b).isEqualTo(16);
        assertThat(batchSizes).containsExactly(1, 1);
    }
}
