package org.shangliang.gateway;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.shangliang.gateway.identity.IssuerProperties;
import org.shangliang.gateway.limits.Buckets;
import org.shangliang.gateway.limits.LimitProperties;
import org.shangliang.gateway.limits.RateLimitFilter;
import org.shangliang.gateway.resilience.ResilienceProperties;
import org.shangliang.gateway.web.BodySizeLimitFilter;
import org.shangliang.gateway.web.GatewayProblems;
import org.shangliang.gateway.web.RequestIdFilter;
import org.shangliang.gateway.web.TrailingSlashFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IssuerProperties.class, LimitProperties.class, ResilienceProperties.class})
public class GatewayConfiguration {

    @Bean
    public GatewayProblems gatewayProblems(MessageSource messages, JsonMapper json) {
        return new GatewayProblems(messages, json);
    }

    @Bean
    public RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    public TrailingSlashFilter trailingSlashFilter(GatewayProblems problems) {
        return new TrailingSlashFilter(problems);
    }

    @Bean
    public BodySizeLimitFilter bodySizeLimitFilter(LimitProperties limits, GatewayProblems problems) {
        return new BodySizeLimitFilter(limits.maxBodySize().toBytes(), limits.rollBodySize().toBytes(), problems);
    }

    @Bean
    public RateLimitFilter rateLimitFilter(LimitProperties limits, GatewayProblems problems) {
        return new RateLimitFilter(new Buckets(limits.perUser(), limits.period()),
                new Buckets(limits.perAddress(), limits.period()), new Buckets(limits.pagesPerAddress(), limits.period()),
                problems);
    }

    /**
     * One circuit breaker and time limit per downstream service (the route's breaker name); roll uploads
     * have their own, with the longer upload time limit.
     */
    @Bean
    public Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakers(ResilienceProperties resilience) {
        return factory -> {
            factory.configureDefault(id -> breaker(id, resilience, resilience.timeout()));
            factory.configure(builder -> builder.timeLimiterConfig(timeLimit(resilience.uploadTimeout()))
                    .circuitBreakerConfig(breakerConfig(resilience)), ResilienceProperties.ROLL_UPLOAD);
        };
    }

    /** Every service's bulkhead: {@code shangliang.gateway.resilience.concurrent-calls} in flight, no waiting. */
    @Bean
    public Customizer<ReactiveResilience4jBulkheadProvider> bulkheads(ResilienceProperties resilience) {
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(BulkheadConfig.custom().maxConcurrentCalls(resilience.concurrentCalls())
                        .maxWaitDuration(Duration.ZERO).build())
                .build());
    }

    private static Resilience4JConfigBuilder.Resilience4JCircuitBreakerConfiguration breaker(String id,
            ResilienceProperties resilience, Duration timeout) {
        return new Resilience4JConfigBuilder(id).timeLimiterConfig(timeLimit(timeout))
                .circuitBreakerConfig(breakerConfig(resilience)).build();
    }

    private static TimeLimiterConfig timeLimit(Duration timeout) {
        return TimeLimiterConfig.custom().timeoutDuration(timeout).cancelRunningFuture(true).build();
    }

    private static CircuitBreakerConfig breakerConfig(ResilienceProperties resilience) {
        return CircuitBreakerConfig.custom()
                .slidingWindowSize(resilience.window())
                .minimumNumberOfCalls(Math.min(5, resilience.window()))
                .failureRateThreshold(resilience.failureRate())
                .waitDurationInOpenState(resilience.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // a full bulkhead says the gateway has enough in flight, not that the service fails
                .ignoreExceptions(BulkheadFullException.class)
                .build();
    }
}
