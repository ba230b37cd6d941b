package org.shangliang.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.shangliang.infra.TestInfrastructure;
import org.shangliang.infra.SharedInfrastructure;
import org.shangliang.platform.testapp.PlatformTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The platform test app against the real broker and store, over the network. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=platform-test", "shangliang.events.initial-back-off=50ms",
                "shangliang.events.retries=2", "shangliang.outbox.sweep-interval=500ms"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
public abstract class PlatformIntegrationTest {

    /** Every record of a stream, from the start, that matches; read until {@code expected} or the timeout. */
    protected static List<ConsumerRecord<String, byte[]>> read(String stream,
            Predicate<ConsumerRecord<String, byte[]>> filter, int expected, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(stream, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(stream, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (filter.test(r)) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }
}
