package org.shangliang.platform.events;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Applies again, through this service's own handlers, the records this service's consumer group sent to
 * a stream's {@code .DLT} (after the cause was fixed: a store that was down, a bug since corrected). Only
 * this service re-applies them (the other services consuming the stream are not disturbed), each record
 * once: progress is the committed offset of the group {@code <group>-dlt-replay}, so a second run starts
 * where the first stopped. Handlers are idempotent (an event applied already is skipped), so a record that
 * succeeded on a redelivery before it was dead-lettered does no harm. The first record that fails again
 * stops the run and is named in the report; nothing after it is skipped over. A record that is not a
 * readable event (no fix can change that) is logged and passed over.
 */
public class DeadLetterReplay {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);

    /** What one run did for one stream. {@code failure} is null when every record was applied. */
    public record Report(String stream, int applied, int otherGroups, int undecodable, String failure) {
    }

    private final ConsumerFactory<String, byte[]> consumers;
    private final EventSubscriptions subscriptions;
    /** The same decoding, logging context and dispatch as the service's own consumer. */
    private final EventRecordListener listener;
    private final String group;

    public DeadLetterReplay(ConsumerFactory<String, byte[]> consumers, EventDecoder decoder,
                            EventSubscriptions subscriptions, String group) {
        this.consumers = consumers;
        this.subscriptions = subscriptions;
        this.listener = new EventRecordListener(decoder, subscriptions);
        this.group = group;
    }

    public Report replay(String stream) {
        if (!subscriptions.streamNames().contains(stream)) {
            throw new IllegalArgumentException(group + " does not consume " + stream + "; it consumes " + subscriptions.streamNames());
        }
        String dlt = stream + ".DLT";
        int applied = 0;
        int others = 0;
        int undecodable = 0;
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(group + "-dlt-replay", "-dlt-replay")) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlt, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(dlt, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata from = committed.get(partition);
                if (from == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, from.offset());
                }
            }
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue; // dead-lettered while this run was going: the next run takes it
                    }
                    if (!group.equals(CloudEventHeaders.get(record.headers(), KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))) {
                        others++;
                    } else {
                        try {
                            listener.onMessage(record);
                            applied++;
                        } catch (UndecodableEventException e) {
                            // no fix can make it readable: named in the log and passed over, never blocking the rest
                            undecodable++;
                            log.warn("Passing over {}-{}@{}: not a readable event: {}", dlt, record.partition(),
                                    record.offset(), e.getMessage());
                        } catch (RuntimeException e) {
                            String failure = dlt + "-" + record.partition() + "@" + record.offset() + ": " + e;
                            log.warn("Replaying {} stopped at {}", dlt, failure);
                            return new Report(stream, applied, others, undecodable, failure);
                        }
                    }
                    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        }
        log.info("Replayed {}: {} record(s) applied again by {}, {} of other services left alone, {} unreadable passed over",
                dlt, applied, group, others, undecodable);
        return new Report(stream, applied, others, undecodable, null);
    }
}
