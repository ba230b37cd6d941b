package org.shangliang.platform.outbox;

import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator watches of the outbox: how many aggregates have events waiting
 * ({@code shangliang_outbox_backlog}), how long the oldest has waited
 * ({@code shangliang_outbox_oldest_age_seconds}; the alert is "older than a minute") and how many
 * were published ({@code shangliang_outbox_published_total}). The first two are read from the store
 * when scraped; a store that cannot answer reads as NaN rather than as an empty outbox.
 */
public class OutboxMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

    private final OutboxRelay relay;

    public OutboxMetrics(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("shangliang.outbox.backlog", relay, r -> read(() -> r.backlog()))
                .description("Aggregates with events not yet published").register(registry);
        Gauge.builder("shangliang.outbox.oldest.age", relay, r -> read(() -> r.oldestPendingAge().toMillis() / 1000.0))
                .baseUnit("seconds").description("How long the oldest unpublished event has waited").register(registry);
        FunctionCounter.builder("shangliang.outbox.published", relay, OutboxRelay::publishedCount)
                .description("Events published to their streams by this instance").register(registry);
    }

    private static double read(DoubleSupplier value) {
        try {
            return value.getAsDouble();
        } catch (RuntimeException e) {
            log.debug("Outbox metrics unavailable: {}", e.toString());
            return Double.NaN;
        }
    }
}
