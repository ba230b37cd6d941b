package org.shangliang.platform.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The store's health by MongoDB's own liveness command, {@code ping}. Spring Boot's indicator sends
 * {@code hello}, which the local stack's MongoDB-wire server does not implement; {@code ping} is
 * answered by every MongoDB and by that server, so one check serves both. Boot backs off when a
 * bean of this name exists.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
public class StoreHealthAutoConfiguration {

    /**
     * While the store cannot be reached a request waits this long for it (the driver's default is
     * 30 s), then answers 503 with Retry-After ({@code ProblemDetailsAdvice}): shorter than the
     * gateway's own time limit, so the person reads the service's answer, not the gateway's.
     */
    @Bean
    public MongoClientSettingsBuilderCustomizer storeWaitLimit(
            @Value("${shangliang.store.server-selection-timeout:3s}") Duration wait) {
        return settings -> settings.applyToClusterSettings(
                cluster -> cluster.serverSelectionTimeout(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Bean
    public HealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return () -> {
            Document answer = mongo.executeCommand("{ ping: 1 }");
            return Health.up().withDetail("database", mongo.getDb().getName())
                    .withDetail("ping", answer.get("ok")).build();
        };
    }
}
