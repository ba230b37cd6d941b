package org.shangliang.gateway.resilience;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param timeout          how long the gateway waits for a service before answering 503
 * @param failureRate      percentage of failed calls (of the last {@code window}) that opens the circuit
 * @param window           calls the failure rate is measured over
 * @param openFor          how long an open circuit refuses calls before trying again
 */
@ConfigurationProperties("shangliang.gateway.resilience")
public record ResilienceProperties(Duration timeout, Float failureRate, Integer window, Duration openFor) {

    public ResilienceProperties {
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        failureRate = failureRate == null ? 50f : failureRate;
        window = window == null ? 10 : window;
        openFor = openFor == null ? Duration.ofSeconds(5) : openFor;
    }
}
