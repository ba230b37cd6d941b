package org.shangliang.platform.idempotency;

import java.time.Clock;
import java.time.Duration;

import org.shangliang.platform.web.Problems;
import org.shangliang.platform.web.WebAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/** {@code Idempotency-Key} on every service's POSTs and PATCHes, kept in the service's own store. */
@AutoConfiguration(after = WebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class IdempotencyAutoConfiguration {

    @Bean
    public IdempotencyRecords idempotencyRecords(MongoTemplate mongo, Clock clock,
                                                 @Value("${shangliang.idempotency.retention:24h}") Duration retention,
                                                 @Value("${shangliang.idempotency.take-over-after:5m}") Duration takeOver) {
        return new IdempotencyRecords(mongo, clock, retention, takeOver);
    }

    /** After the security filters (order -100): the key belongs to the signed-in person. */
    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyRecords records, Problems problems) {
        var registration = new FilterRegistrationBean<>(new IdempotencyFilter(records, problems));
        registration.setOrder(0);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
