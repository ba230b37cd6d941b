package org.shangliang.platform.testapp;

import org.shangliang.contracts.EventCatalogue;
import org.shangliang.platform.events.EventSubscriptions;
import org.shangliang.platform.outbox.IdempotentApplier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A minimal service on the platform: one outboxed aggregate, one consumer, one controller. */
@SpringBootApplication
public class PlatformTestApplication {

    @Bean
    EventSubscriptions supportCounting(IdempotentApplier applier) {
        return EventSubscriptions.builder()
                .on(EventCatalogue.TOPIC_SUPPORTED, event -> applier.apply(event, SupportTally.class,
                        event.data().topicId(), () -> new SupportTally(event.data().topicId()), SupportTally::count))
                .build();
    }
}
