package org.shangliang.platform.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
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
 * Publishes the events waiting in aggregates' outboxes to Kafka, in order per aggregate, and removes
 * each one only after the broker acknowledged it (acks=all, idempotent producer).
 *
 * <p>It runs right after a save (low latency) and on a periodic sweep (events left by a crash, a
 * broker outage or a lost race). A few relay threads each take whatever aggregates are waiting, up to
 * {@link OutboxProperties#batchSize()} at once, and work on them together, so the store and the broker
 * are asked once per batch rather than once per event:
 * <ol>
 *   <li>one write takes the batch's leases ({@value #LEASES}: one document per aggregate, so two relays,
 *       here or in another instance, never interleave one aggregate's events); aggregates another relay
 *       holds are left to it;</li>
 *   <li>one read loads their outboxes;</li>
 *   <li>the events are sent in rounds: round k sends the k-th waiting event of every aggregate whose
 *       earlier events were acknowledged, all at once, then waits for the round's acknowledgements. An
 *       aggregate's next event is never in flight beside an unacknowledged one: an event the broker did
 *       not take in time may still arrive later, so a consumer could otherwise see a later event first
 *       (sending one aggregate's events all at once did exactly that across a broker outage). An
 *       aggregate whose event failed stops there; the rest of the batch goes on;</li>
 *   <li>one write removes every acknowledged event (and moves each aggregate's version, so a concurrent
 *       writer holding the older copy cannot save published events back; it retries instead), one read
 *       finds events saved meanwhile, which are relayed under the same leases (for ten passes at most; what
 *       still waits then is queued again, so one hot aggregate does not hold the others' leases);</li>
 *   <li>one write gives the leases back.</li>
 * </ol>
 * Should a lease expire while its holder still sends, the worst case is an event published twice, never
 * out of order and never lost: consumers are idempotent by event id.
 */
public class OutboxRelay implements SmartLifecycle {

    static final String LEASES = "outbox_leases";
    private static final int SWEEP_PAGE = 500;
    private static final int PASSES_PER_BATCH = 10;
    private static final int SWEEP_QUEUE_LIMIT = 20_000;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** An aggregate known to have events waiting. */
    private record Waiting(String collection, Object aggregateId) {
        String key() {
            return lease(collection, aggregateId);
        }
    }

    /** An event handed to the producer, and the broker's acknowledgement of it. */
    private record InFlight(PendingEvent event, CompletableFuture<?> acknowledgement) {
    }

    /** Where an aggregate asked for is: waiting in the queue, being relayed, or being relayed and asked for again. */
    private enum Turn { QUEUED, RELAYING, RELAYING_ASKED_AGAIN }

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MongoMappingContext mappingContext;
    private final OutboxProperties properties;
    private final long sendTimeoutMillis;
    private final Clock clock;
    private final Set<String> collections = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private final Map<String, Turn> turns = new ConcurrentHashMap<>();
    private final Map<String, Duration> sweptEvery = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSwept = new ConcurrentHashMap<>();
    private final List<Thread> relayThreads = new ArrayList<>();
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
     * queued already or the relay is stopped. Asked while this instance relays it, it is queued again
     * once that relay is done, so an event saved at the very end of a relay does not wait for the sweep.
     */
    public boolean relaySoon(String collection, Object aggregateId) {
        collections.add(collection);
        if (!running) {
            return false;
        }
        Waiting waiting = new Waiting(collection, aggregateId);
        boolean[] queued = {false};
        turns.compute(waiting.key(), (key, turn) -> {
            if (turn == null) {
                queue.add(waiting);
                queued[0] = true;
                return Turn.QUEUED;
            }
            return turn == Turn.QUEUED ? Turn.QUEUED : Turn.RELAYING_ASKED_AGAIN;
        });
        return queued[0];
    }

    /**
     * Publishes every pending event of one aggregate, oldest first, on the calling thread. Returns how
     * many were published; 0 also when another relay holds the aggregate. Stops at the first failed send,
     * leaving that event and the ones after it for the next attempt.
     */
    public int relay(String collection, Object aggregateId) {
        return relayAll(collection, List.of(aggregateId));
    }

    /**
     * Publishes the pending events of these aggregates of one collection, each one's oldest first, as
     * the class comment describes. Returns how many events were published.
     */
    int relayAll(String collection, List<Object> aggregateIds) {
        String token = UUID.randomUUID().toString();
        List<Object> leased = acquire(collection, aggregateIds, token);
        if (leased.isEmpty()) {
            return 0;
        }
        int published = 0;
        try {
            Map<Object, List<PendingEvent>> pending = pendingEvents(collection, leased);
            for (int pass = 0; !pending.isEmpty(); pass++) {
                if (pass == PASSES_PER_BATCH) {
                    // a hot aggregate (supports arriving all the time) must not hold the batch's other leases for
                    // ever: what is still waiting is queued again and relayed after these leases are given back
                    pending.keySet().forEach(id -> relaySoon(collection, id));
                    break;
                }
                Map<Object, List<PendingEvent>> sent = pending;
                Map<Object, List<String>> acknowledged = publish(sent);
                if (acknowledged.isEmpty()) {
                    break;
                }
                removeFromOutboxes(collection, acknowledged);
                int count = acknowledged.values().stream().mapToInt(List::size).sum();
                published += count;
                this.published.addAndGet(count);
                // the aggregates relayed in full may have had events saved meanwhile; the ones stopped by a
                // failed send wait for the next attempt
                List<Object> done = acknowledged.keySet().stream()
                        .filter(id -> acknowledged.get(id).size() == sent.get(id).size()).toList();
                pending = done.isEmpty() ? Map.of() : pendingEvents(collection, done);
            }
            return published;
        } finally {
            release(collection, leased, token);
            if (published > 0) {
                log.debug("Relayed {} event(s) of {} aggregate(s) in {}", published, leased.size(), collection);
            }
        }
    }

    /**
     * Sends the events in rounds, the k-th of each aggregate in round k, each round all at once, then
     * waits for its acknowledgements; an aggregate whose send failed takes no further part. Answers the
     * acknowledged event ids per aggregate, in order.
     */
    private Map<Object, List<String>> publish(Map<Object, List<PendingEvent>> pending) {
        Map<Object, List<String>> acknowledged = new LinkedHashMap<>();
        Set<Object> going = new HashSet<>(pending.keySet());
        for (int round = 0; !going.isEmpty(); round++) {
            Map<Object, InFlight> sent = new LinkedHashMap<>();
            for (Object id : List.copyOf(going)) {
                List<PendingEvent> events = pending.get(id);
                if (round >= events.size()) {
                    going.remove(id);
                    continue;
                }
                PendingEvent event = events.get(round);
                try {
                    sent.put(id, new InFlight(event, kafka.send(record(event))));
                } catch (RuntimeException e) {
                    // the producer refuses at once (no metadata, closing): the broker is not taking records now
                    log.warn("Publishing {} {} failed, the sweep will retry: {}", event.type(), event.eventId(), e.toString());
                    going.clear();
                    break;
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sendTimeoutMillis);
            for (var entry : sent.entrySet()) {
                Object id = entry.getKey();
                PendingEvent event = entry.getValue().event();
                try {
                    entry.getValue().acknowledgement().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    acknowledged.computeIfAbsent(id, k -> new ArrayList<>()).add(event.eventId());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    going.clear();
                    break;
                } catch (Exception e) {
                    going.remove(id);
                    log.warn("Publishing {} {} failed, the sweep will retry: {}", event.type(), event.eventId(), e.toString());
                }
            }
        }
        return acknowledged;
    }

    /**
     * One pass over every outbox: each aggregate with pending events is handed to the relay's threads
     * (several aggregates at once), page by page in {@code _id} order, so a backlog larger than a page (a
     * broker outage while thousands voted) is handed over in one pass rather than one page per interval.
     * A pass stops handing over once {@value #SWEEP_QUEUE_LIMIT} aggregates wait in the queue; the next
     * pass goes on. Returns how many aggregates were handed over.
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
            Object after = null;
            while (running && queue.size() < SWEEP_QUEUE_LIMIT) {
                List<Object> ids = new ArrayList<>(SWEEP_PAGE);
                mongo.getCollection(collection)
                        .find(after == null ? exists("outbox.0") : and(exists("outbox.0"), gt("_id", after)))
                        .projection(Projections.include("_id")).sort(Sorts.ascending("_id")).limit(SWEEP_PAGE)
                        .forEach(d -> ids.add(d.get("_id")));
                for (Object id : ids) {
                    handed += relaySoon(collection, id) ? 1 : 0;
                }
                if (ids.size() < SWEEP_PAGE) {
                    break;
                }
                after = ids.get(ids.size() - 1);
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

    private static ProducerRecord<String, byte[]> record(PendingEvent event) {
        var record = new ProducerRecord<String, byte[]>(event.stream(), event.subject(),
                event.data().getBytes(StandardCharsets.UTF_8));
        CloudEventHeaders.write(record.headers(), new CloudEventAttributes(event.eventId(), event.source(),
                event.type(), event.subject(), event.time(), event.requestId(), event.actorName()));
        TraceContext.write(record.headers(), event.traceContext());
        return record;
    }

    /** Removes published events from their outboxes, one write for all, moving each aggregate's version. */
    private void removeFromOutboxes(String collection, Map<Object, List<String>> eventIds) {
        List<UpdateOneModel<Document>> removals = new ArrayList<>(eventIds.size());
        eventIds.forEach((id, events) -> removals.add(new UpdateOneModel<>(eq("_id", id), Updates.combine(
                Updates.pull("outbox", new Document("eventId", new Document("$in", events))),
                Updates.inc("version", 1L)))));
        mongo.getCollection(collection).bulkWrite(removals, new BulkWriteOptions().ordered(false));
    }

    /** The waiting events of those of these aggregates that have any. */
    private Map<Object, List<PendingEvent>> pendingEvents(String collection, List<Object> ids) {
        Map<Object, List<PendingEvent>> found = new LinkedHashMap<>();
        mongo.getCollection(collection).find(and(in("_id", ids), exists("outbox.0")))
                .projection(Projections.include("outbox"))
                .forEach(d -> found.put(d.get("_id"), pendingEvents(d)));
        return found;
    }

    private static List<PendingEvent> pendingEvents(Document document) {
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

    /**
     * Takes the leases of these aggregates in one unordered write, each an upsert that only matches an
     * expired lease: a live one held by another relay makes that upsert fail on the unique {@code _id},
     * and only that one. Answers the aggregates whose lease this relay now holds.
     */
    private List<Object> acquire(String collection, List<Object> aggregateIds, String token) {
        Instant now = clock.instant();
        List<UpdateOneModel<Document>> takes = new ArrayList<>(aggregateIds.size());
        for (Object id : aggregateIds) {
            takes.add(new UpdateOneModel<>(and(eq("_id", lease(collection, id)), lt("until", Date.from(now))),
                    Updates.combine(Updates.set("token", token), Updates.set("until", Date.from(now.plus(properties.leaseTtl())))),
                    new UpdateOptions().upsert(true)));
        }
        try {
            mongo.getCollection(LEASES).bulkWrite(takes, new BulkWriteOptions().ordered(false));
            return aggregateIds;
        } catch (MongoBulkWriteException e) {
            Set<Integer> held = new HashSet<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                held.add(error.getIndex()); // another relay holds a live lease
            }
            List<Object> leased = new ArrayList<>();
            for (int i = 0; i < aggregateIds.size(); i++) {
                if (!held.contains(i)) {
                    leased.add(aggregateIds.get(i));
                }
            }
            return leased;
        }
    }

    private void release(String collection, List<Object> aggregateIds, String token) {
        mongo.getCollection(LEASES).deleteMany(and(
                in("_id", aggregateIds.stream().map(id -> lease(collection, id)).toList()), eq("token", token)));
    }

    private static String lease(String collection, Object aggregateId) {
        return collection + "/" + aggregateId;
    }

    /** One relay thread: takes what waits (up to a batch), relays it per collection, until stopped. */
    private void relayWaiting() {
        List<Waiting> batch = new ArrayList<>(properties.batchSize());
        while (running) {
            try {
                Waiting first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.batchSize() - 1);
                batch.forEach(w -> turns.put(w.key(), Turn.RELAYING));
                Map<String, List<Object>> byCollection = new LinkedHashMap<>();
                batch.forEach(w -> byCollection.computeIfAbsent(w.collection(), c -> new ArrayList<>()).add(w.aggregateId()));
                byCollection.forEach((collection, ids) -> {
                    try {
                        relayAll(collection, ids);
                    } catch (RuntimeException e) {
                        log.warn("Relaying {} aggregate(s) of {} failed, the sweep will retry: {}", ids.size(), collection, e.toString());
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                // asked for again while being relayed: queued once more, so an event saved at the end is not left to the sweep
                batch.forEach(w -> turns.compute(w.key(), (key, turn) -> {
                    if (turn == Turn.RELAYING_ASKED_AGAIN && running) {
                        queue.add(w);
                        return Turn.QUEUED;
                    }
                    return null;
                }));
                batch.clear();
            }
        }
    }

    @Override
    public void start() {
        running = true;
        // several batches at once (each aggregate under its own lease); one aggregate's events stay in order
        for (int i = 0; i < properties.relayThreads(); i++) {
            Thread thread = new Thread(this::relayWaiting, "outbox-relay-" + i);
            thread.setDaemon(true);
            relayThreads.add(thread);
            thread.start();
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-sweep");
            t.setDaemon(true);
            return t;
        });
        long interval = properties.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("Outbox sweep failed, next try in {} ms: {}", interval, e.toString());
            }
        }, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        sweeper.shutdownNow();
        for (Thread thread : relayThreads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        relayThreads.clear();
        // what was still waiting stays in the outboxes: the next start's sweep finds it
        queue.clear();
        turns.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
