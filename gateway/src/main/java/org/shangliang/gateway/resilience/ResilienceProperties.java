package org.shangliang.gateway.resilience;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param timeout          how long the gateway waits for a service before answering 503
 * @param failureRate      percentage of failed calls (of the last {@code window}) that opens the circuit
 * @param window           calls the failure rate is measured over
 * @param openFor          how long an open circuit refuses calls before trying again
 * @param uploadTimeout    the time limit of a roll upload (route {@code vote-service-roll-upload}), which
 *                         checks and writes up to 50,000 flats
 * @param concurrentCalls  calls the gateway has in flight to one service at most (its bulkhead); one more is
 *                         answered 503 at once. A full bulkhead is load, not a failing service: it does not
 *                         count towards opening the circuit
 */
@ConfigurationProperties("shangliang.gateway.resilience")
public record ResilienceProperties(Duration timeout, Float failureRate, Integer window, Duration openFor,
                                   Duration uploadTimeout, Integer concurrentCalls) {

    /** The circuit breaker (and route) of roll uploads. */
    public static final String ROLL_UPLOAD = "vote-service-roll-upload";

    public ResilienceProperties {
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        failureRate = failureRate == null ? 50f : failureRate;
        window = window == null ? 10 : window;
        openFor = openFor == null ? Duration.ofSeconds(5) : openFor;
        uploadTimeout = uploadTimeout == null ? Duration.ofMinutes(2) : uploadTimeout;
        // a service's servlet container takes 200 requests at once; Resilience4j's default of 25 refused
        // a crowd supporting one topic long before topic-service was busy
        concurrentCalls = concurrentCalls == null ? 200 : concurrentCalls;
    }
}
