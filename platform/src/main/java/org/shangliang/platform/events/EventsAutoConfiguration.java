package org.shangliang.platform.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.shangliang.contracts.EventStream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Kafka for every service the same way: events as CloudEvents over byte[] values, an idempotent
 * producer with acks=all, the three streams and their DLTs, and one listener container that
 * dispatches to the service's {@link EventSubscriptions}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    /** The producer of the outbox relay and of dead letters. */
    @Bean
    @ConditionalOnMissingBean(name = "eventKafkaTemplate")
    public KafkaTemplate<String, byte[]> eventKafkaTemplate(KafkaProperties kafka, EventsProperties events) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        int timeout = (int) events.sendTimeout().toMillis();
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(5_000, timeout));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(5_000, timeout));
        var factory = new DefaultKafkaProducerFactory<String, byte[]>(props);
        factory.setPhysicalCloseTimeout(5);
        return new KafkaTemplate<>(factory);
    }

    @Bean
    public KafkaAdmin.NewTopics shangliangStreams(EventsProperties events) {
        List<NewTopic> topics = new ArrayList<>();
        for (EventStream stream : EventStream.values()) {
            topics.add(TopicBuilder.name(stream.streamName()).partitions(events.partitions()).replicas(1).build());
            topics.add(TopicBuilder.name(stream.deadLetterStreamName()).partitions(events.partitions()).replicas(1)
                    .build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /** Bounded retries with exponential back-off, then the record's stream's DLT, same partition. */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    public DefaultErrorHandler eventErrorHandler(KafkaTemplate<String, byte[]> eventKafkaTemplate,
                                                 EventsProperties events, ObjectProvider<MeterRegistry> meters) {
        // API.md names the dead-letter stream <stream>.DLT (spring-kafka 4 would default to -dlt)
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        var recoverer = new DeadLetterPublishingRecoverer(eventKafkaTemplate,
                (record, e) -> new TopicPartition(record.topic() + ".DLT", record.partition())) {
            @Override
            public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
                super.accept(record, consumer, exception);
                // the operator's alert: "a DLT is not empty"
                registry.counter("shangliang.events.dead.lettered", "stream", record.topic()).increment();
            }
        };
        var backOff = new ExponentialBackOffWithMaxRetries(events.retries());
        backOff.setInitialInterval(events.initialBackOff().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(10_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(UndecodableEventException.class);
        return handler;
    }

    @Bean
    public EventDecoder eventDecoder() {
        return new EventDecoder();
    }

    /** One container for every stream the service consumes; none when it consumes nothing. */
    @Bean
    public EventListenerContainer eventListenerContainer(
            ConcurrentKafkaListenerContainerFactory<?, ?> factory, ObjectProvider<EventSubscriptions> all,
            EventDecoder decoder, EventsProperties events, ObjectProvider<MeterRegistry> meters) {
        EventSubscriptions subscriptions = EventSubscriptions.merge(all.orderedStream().toList());
        if (subscriptions.isEmpty()) {
            return new EventListenerContainer(null);
        }
        // the dead-letter counters exist from the start at 0, one per consumed stream: the alert compares
        // against them, and a series that appears only with the first dead letter is easy to miss
        meters.ifAvailable(registry -> subscriptions.streamNames()
                .forEach(stream -> registry.counter("shangliang.events.dead.lettered", "stream", stream)));
        @SuppressWarnings({"unchecked", "rawtypes"})
        ConcurrentMessageListenerContainer<String, byte[]> container = (ConcurrentMessageListenerContainer) factory
                .createContainer(subscriptions.streamNames().toArray(String[]::new));
        container.setConcurrency(events.concurrency());
        container.getContainerProperties().setMessageListener(new EventRecordListener(decoder, subscriptions));
        container.setBeanName("shangliang-events");
        return new EventListenerContainer(container);
    }

    /** Re-applies this service's dead letters of a stream (the runbook's "replay a DLT"). */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    public DeadLetterReplay deadLetterReplay(ConsumerFactory<?, ?> consumers, ObjectProvider<EventSubscriptions> all,
                                             EventDecoder decoder, Environment environment) {
        return new DeadLetterReplay((ConsumerFactory) consumers, decoder, EventSubscriptions.merge(all.orderedStream().toList()),
                environment.getRequiredProperty("spring.kafka.consumer.group-id"));
    }

    /**
     * {@code --shangliang.events.replay-dead-letters=shangliang.meetings[,...]}: the process starts, re-applies
     * this service's dead letters of those streams, prints what it did and exits (1 when a record failed again).
     * Run as a one-off beside the running instances (a Kubernetes Job, {@code docker compose run}).
     */
    @Bean
    @ConditionalOnProperty("shangliang.events.replay-dead-letters")
    public ApplicationRunner deadLetterReplayRunner(DeadLetterReplay replay, Environment environment,
                                                    ConfigurableApplicationContext context) {
        return args -> {
            boolean failed = false;
            for (String stream : environment.getRequiredProperty("shangliang.events.replay-dead-letters").split(",")) {
                DeadLetterReplay.Report report = replay.replay(stream.strip());
                System.out.printf("%s.DLT: %d applied again, %d of other services left alone, %d unreadable passed over%s%n",
                        report.stream(), report.applied(), report.otherGroups(), report.undecodable(),
                        report.failure() == null ? "" : "; stopped at " + report.failure());
                failed |= report.failure() != null;
            }
            int code = failed ? 1 : 0;
            System.exit(SpringApplication.exit(context, () -> code));
        };
    }
}
