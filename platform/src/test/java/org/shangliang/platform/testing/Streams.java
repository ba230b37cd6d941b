package org.shangliang.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.EventType;
import org.shangliang.contracts.IntegrationEvent;
import org.shangliang.infra.TestInfrastructure;
import org.shangliang.platform.events.CloudEventAttributes;
import org.shangliang.platform.events.CloudEventHeaders;
import org.shangliang.platform.events.EventJson;

/** Tests talk to the real broker as another service would: publish events, read a stream. */
public final class Streams {

    private static KafkaProducer<String, byte[]> producer;

    private Streams() {
    }

    /** Publishes an event as its producing service would, with a new id; returns the id. */
    public static String publish(IntegrationEvent event) {
        return publish(event, UUID.randomUUID().toString());
    }

    /** Publishes an event with a given id (the same id twice is a redelivery). */
    public static String publish(IntegrationEvent event, String eventId) {
        return publish(event, eventId, null);
    }

    /** Publishes an event as part of a trace: {@code traceparent} is written as the record's W3C header. */
    public static String publish(IntegrationEvent event, String eventId, String traceparent) {
        return publish(EventCatalogue.of(event).stream().streamName(), event, eventId,
                traceparent == null ? Map.of() : Map.of("traceparent", traceparent));
    }

    /** Writes an event's record into any stream (a DLT, say) with more headers. */
    public static String publish(String stream, IntegrationEvent event, String eventId, Map<String, String> headers) {
        EventType<?> type = EventCatalogue.of(event);
        var record = new ProducerRecord<>(stream, event.subject(),
                EventJson.MAPPER.writeValueAsString(event).getBytes(StandardCharsets.UTF_8));
        CloudEventHeaders.write(record.headers(), new CloudEventAttributes(eventId, type.stream().source(), type.type(),
                event.subject(), Instant.now(), "test-" + eventId, null));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Publishing " + type.type() + " failed", e);
        }
        return eventId;
    }

    /** Records of a stream from its start that match, read until {@code expected} were found or the timeout. */
    public static List<ConsumerRecord<String, byte[]>> read(String stream, Predicate<ConsumerRecord<String, byte[]>> filter,
                                                            int expected, Duration timeout) {
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

    /** Events of one type about one topic (their key; a roll's events are keyed by its community), decoded. */
    public static <T extends IntegrationEvent> List<T> events(EventType<T> type, String topicId, int expected,
                                                              Duration timeout) {
        return read(type.stream().streamName(), r -> topicId.equals(r.key()) && type.type().equals(header(r, CloudEventHeaders.TYPE)),
                expected, timeout).stream().map(r -> EventJson.MAPPER.readValue(r.value(), type.dataClass())).toList();
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestInfrastructure.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
