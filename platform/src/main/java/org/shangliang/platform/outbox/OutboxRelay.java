package org.shangliang.platform.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.shangliang.platform.events.CloudEventAttributes;
import org.shangliang.platform.events.CloudEventHeaders;
import org.shangliang.platform.tracing.TraceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the events waiting in aggregates' outboxes to Kafka, in order, and removes each one
 * only after the broker acknowledged it (acks=all, idempotent producer).
 *
 * <p>It runs right after a save (low latency) and on a periodic sweep (events left by a crash, a
 * broker outage or a lost race), on a few threads, so several aggregates are relayed at once. An
 * aggregate's pending events are sent one after the other, each acknowledged before the next, and
 * removed with one write once acknowledged. One relay at a time works on an aggregate: it holds a lease in
 * the {@value #LEASES} collection (one document per aggregate, taken with a single atomic upsert),
 * so two instances never interleave one aggregate's events. Should a lease expire while its holder
 * still sends, the worst case is an event published twice, never out of order and never lost:
 * consumers are idempotent by event id.
 *
 * <p>Removing an event also increments the aggregate's version, so a concurrent writer holding the
 * older copy cannot save it back with already published events in it; that writer retries instead.
 */
public class OutboxRelay implements SmartLifecycle {

    static final String LEASES = "outbox_leases";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MongoMappingContext mappingContext;
    private final OutboxProperties properties;
    private final long sendTimeoutMillis;
    private final Clock clock;
    private final Set<String> collections = ConcurrentHashMap.newKeySet();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Map<String, Duration> sweptEvery = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSwept = new ConcurrentHashMap<>();
    private ExecutorService relayExecutor;
    private ScheduledExecutorService sweeper;
    private volatile boolean running;
    private final AtomicLong published = new AtomicLong();

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, MongoMappingContext mappingContext,
                       OutboxProperties properties, long sendTimeoutMillis, Clock clock) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.mappingContext = mappingContext;
        this.properties = properties;
        this.sendTimeoutMillis = sendTimeoutMillis;
        this.clock = clock;
    }

    /**
     * Sweeps a collection whose documents get events written into their {@code outbox} by a store's
     * own update rather than by saving an {@link OutboxAggregate} (which are swept anyway), once
     * {@code every}: its events are relayed right after each write ({@link #relaySoon}), so the sweep
     * only finds what a crash left behind, and a large collection (a ballot's electors) need not be
     * scanned every couple of seconds.
     */
    public void watch(String collection, Duration every) {
        collections.add(collection);
        sweptEvery.put(collection, every);
    }

    /**
     * Publishes this aggregate's pending events soon, on the relay's own threads; false when it is
     * queued already or the relay is stopped.
     */
    public boolean relaySoon(String collection, Object aggregateId) {
        collections.add(collection);
        String key = collection + "/" + aggregateId;
        if (!running || !queued.add(key)) {
            return false;
        }
        relayExecutor.execute(() -> {
            queued.remove(key);
            try {
                relay(collection, aggregateId);
            } catch (RuntimeException e) {
                log.warn("Relaying {} failed, the sweep will retry: {}", key, e.toString());
            }
        });
        return true;
    }

    /**
     * Publishes every pending event of one aggregate, oldest first. Returns how many were published;
     * 0 also when another relay holds the aggregate. Stops at the first failed send, leaving that
     * event and the ones after it for the next attempt.
     */
    public int relay(String collection, Object aggregateId) {
        String lease = collection + "/" + aggregateId;
        String token = UUID.randomUUID().toString();
        if (!acquire(lease, token)) {
            return 0;
        }
        int published = 0;
        try {
            List<PendingEvent> pending = pendingEvents(mongo.getCollection(collection).find(eq("_id", aggregateId))
                    .projection(Projections.include("outbox")).first());
            while (!pending.isEmpty()) {
                // One at a time, each acknowledged before the next is sent: an event the broker did not take
                // in time may still arrive later, so nothing after it may be in flight, or a consumer could
                // see a later event first (sending them all at once did exactly that across a broker outage).
                List<String> acknowledged = new ArrayList<>(pending.size());
                Document remaining = null;
                try {
                    for (PendingEvent event : pending) {
                        send(event);
                        acknowledged.add(event.eventId());
                    }
                } finally {
                    // one write removes everything the broker has (also before a failed send: those stay out),
                    // moves the version once and answers what was added meanwhile: no second read
                    if (!acknowledged.isEmpty()) {
                        remaining = removeFromOutbox(collection, aggregateId, acknowledged);
                        published += acknowledged.size();
                        this.published.addAndGet(acknowledged.size());
                    }
                }
                pending = pendingEvents(remaining);
            }
            return published;
        } finally {
            mongo.getCollection(LEASES).deleteOne(and(eq("_id", lease), eq("token", token)));
            if (published > 0) {
                log.debug("Relayed {} event(s) of {}", published, lease);
            }
        }
    }

    /**
     * One pass over every outbox: each aggregate with pending events is handed to the relay's threads
     * (several aggregates at once). Returns how many aggregates were handed over.
     */
    public int sweep() {
        int handed = 0;
        Instant now = clock.instant();
        for (String collection : collections()) {
            Duration every = sweptEvery.get(collection);
            if (every != null) {
                Instant last = lastSwept.get(collection);
                if (last != null && now.isBefore(last.plus(every))) {
                    continue;
                }
                lastSwept.put(collection, now);
            }
            List<Object> ids = new ArrayList<>();
            mongo.getCollection(collection).find(exists("outbox.0")).projection(Projections.include("_id"))
                    .limit(500).forEach(d -> ids.add(d.get("_id")));
            for (Object id : ids) {
                handed += relaySoon(collection, id) ? 1 : 0;
            }
        }
        if (handed > 0) {
            log.info("Outbox sweep found {} aggregate(s) with events left pending; relaying them", handed);
        }
        return handed;
    }

    /** Every collection with outboxes: the aggregates' and the watched ones. */
    private Set<String> collections() {
        mappingContext.getPersistentEntities().stream()
                .filter(e -> OutboxAggregate.class.isAssignableFrom(e.getType()))
                .forEach(e -> collections.add(e.getCollection()));
        return collections;
    }

    /** How many documents have events waiting to be published (counted up to 100,000 per collection). */
    public long backlog() {
        long waiting = 0;
        for (String collection : collections()) {
            waiting += mongo.getCollection(collection).countDocuments(exists("outbox.0"), new CountOptions().limit(100_000));
        }
        return waiting;
    }

    /**
     * How long the oldest waiting event has waited (zero when none waits), judged from the first event of
     * up to 1,000 waiting documents per collection: the operator's alert is "older than a minute".
     */
    public Duration oldestPendingAge() {
        Instant oldest = null;
        for (String collection : collections()) {
            for (Document d : mongo.getCollection(collection).find(exists("outbox.0"))
                    .projection(Projections.include("outbox.time")).limit(1_000)) {
                List<Document> outbox = d.getList("outbox", Document.class, List.of());
                Object time = outbox.isEmpty() ? null : outbox.get(0).get("time");
                Instant at = time instanceof Date date ? date.toInstant() : time == null ? null : Instant.parse(String.valueOf(time));
                if (at != null && (oldest == null || at.isBefore(oldest))) {
                    oldest = at;
                }
            }
        }
        return oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant()).abs();
    }

    /** Events published since this instance started. */
    public long publishedCount() {
        return published.get();
    }

    private void send(PendingEvent event) {
        var record = new ProducerRecord<String, byte[]>(event.stream(), event.subject(),
                event.data().getBytes(StandardCharsets.UTF_8));
        CloudEventHeaders.write(record.headers(), new CloudEventAttributes(event.eventId(), event.source(),
                event.type(), event.subject(), event.time(), event.requestId(), event.actorName()));
        TraceContext.write(record.headers(), event.traceContext());
        try {
            kafka.send(record).get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + event.eventId(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Publishing " + event.type() + " " + event.eventId() + " failed", e);
        }
    }

    /** Removes published events from the outbox; answers the document's outbox as it is now. */
    private Document removeFromOutbox(String collection, Object aggregateId, List<String> eventIds) {
        return mongo.getCollection(collection).findOneAndUpdate(eq("_id", aggregateId), Updates.combine(
                        Updates.pull("outbox", new Document("eventId", new Document("$in", eventIds))),
                        Updates.inc("version", 1L)),
                new FindOneAndUpdateOptions().projection(Projections.include("outbox"))
                        .returnDocument(ReturnDocument.AFTER));
    }

    private List<PendingEvent> pendingEvents(Document document) {
        if (document == null) {
            return List.of();
        }
        List<PendingEvent> events = new ArrayList<>();
        for (Document d : document.getList("outbox", Document.class, List.of())) {
            Object time = d.get("time");
            events.add(new PendingEvent(d.getString("eventId"), d.getString("type"), d.getString("stream"),
                    d.getString("source"), d.getString("subject"),
                    time instanceof Date date ? date.toInstant() : Instant.parse(String.valueOf(time)),
                    d.getString("requestId"), d.getString("data"), d.getString("actorName"), d.getString("traceContext")));
        }
        return events;
    }

    private boolean acquire(String lease, String token) {
        Instant now = clock.instant();
        try {
            mongo.getCollection(LEASES).findOneAndUpdate(
                    and(eq("_id", lease), lt("until", Date.from(now))),
                    Updates.combine(Updates.set("token", token), Updates.set("until", Date.from(now.plus(properties.leaseTtl())))),
                    new FindOneAndUpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // another relay holds a live lease
            }
            throw e;
        } catch (MongoCommandException e) {
            if (ErrorCategory.fromErrorCode(e.getErrorCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void start() {
        // several aggregates at once (each under its own lease); one aggregate's events stay in order
        relayExecutor = new ThreadPoolExecutor(properties.relayThreads(), properties.relayThreads(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> daemon(r, "outbox-relay"));
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "outbox-sweep"));
        long interval = properties.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("Outbox sweep failed, next try in {} ms: {}", interval, e.toString());
            }
        }, 0, interval, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        sweeper.shutdownNow();
        relayExecutor.shutdown();
        try {
            relayExecutor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
