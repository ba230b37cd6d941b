package org.shangliang.platform.outbox;

import java.time.Clock;

import org.shangliang.platform.events.EventsAutoConfiguration;
import org.shangliang.platform.events.EventsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.kafka.core.KafkaTemplate;

@AutoConfiguration(after = {DataMongoAutoConfiguration.class, EventsAutoConfiguration.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> eventKafkaTemplate,
                                   MongoMappingContext mappingContext, OutboxProperties outbox,
                                   EventsProperties events, Clock clock) {
        return new OutboxRelay(mongo, eventKafkaTemplate, mappingContext, outbox, events.sendTimeout().toMillis(),
                clock);
    }

    @Bean
    public OutboxCallbacks outboxCallbacks(ObjectProvider<OutboxRelay> relay, Clock clock) {
        return new OutboxCallbacks(relay, clock);
    }

    @Bean
    public OutboxMetrics outboxMetrics(OutboxRelay relay) {
        return new OutboxMetrics(relay);
    }

    @Bean
    public IdempotentApplier idempotentApplier(MongoTemplate mongo) {
        return new IdempotentApplier(mongo);
    }
}
