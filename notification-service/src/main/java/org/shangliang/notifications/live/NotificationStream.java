package org.shangliang.notifications.live;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.shangliang.notifications.inbox.Inbox;
import org.shangliang.notifications.inbox.Notification;
import org.shangliang.notifications.inbox.Preferences;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/notifications/stream}: Server-Sent Events, each new notification as it is made,
 * with heartbeats. Every open stream follows the store (not this instance's memory), so it works
 * behind any instance, and {@code Last-Event-ID} resumes exactly after the last notification a client
 * saw: nothing made while it was reconnecting is missed. A stream ends when the token it was opened
 * with expires (the client reconnects with a fresh token and {@code Last-Event-ID}); one person keeps
 * at most {@code streams-per-user} open (a new one closes their oldest) and an instance at most
 * {@code streams-total} (then 503: try again shortly).
 */
@RestController
class NotificationStream {

    private static final Logger log = LoggerFactory.getLogger(NotificationStream.class);

    private final MongoTemplate mongo;
    private final Inbox inbox;
    private final long heartbeatMillis;
    private final Duration overlap;
    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "notification-stream");
        t.setDaemon(true);
        return t;
    });

    private final int perUser;
    private final int total;

    NotificationStream(MongoTemplate mongo, Inbox inbox,
                       @Value("${shangliang.notifications.stream-poll:500ms}") Duration poll,
                       @Value("${shangliang.notifications.heartbeat:15s}") Duration heartbeat,
                       @Value("${shangliang.notifications.stream-overlap:10s}") Duration overlap,
                       @Value("${shangliang.notifications.streams-per-user:5}") int perUser,
                       @Value("${shangliang.notifications.streams-total:2000}") int total) {
        this.mongo = mongo;
        this.inbox = inbox;
        this.heartbeatMillis = heartbeat.toMillis();
        this.overlap = overlap;
        this.perUser = perUser;
        this.total = total;
        poller.scheduleWithFixedDelay(this::pollAll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    @GetMapping(path = "/api/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, CurrentUser user,
                      @AuthenticationPrincipal Jwt token, Locale locale) throws IOException {
        if (followers.size() >= total) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "problem.streams-full.detail",
                    "Too many live streams are open; try again in a few seconds").with("retryAfterSeconds", 5);
        }
        Instant expiresAt = token.getExpiresAt();
        long untilExpiry = Duration.between(Instant.now(), expiresAt).toMillis();
        SseEmitter emitter = new SseEmitter(Math.max(1_000L, untilExpiry));
        Instant cursor = Instant.now();
        Map<String, Instant> sent = new HashMap<>();
        if (lastEventId != null && !lastEventId.isBlank()) {
            Notification last = mongo.findById(lastEventId, Notification.class);
            if (last != null) {
                cursor = last.getCreatedAt();
                sent.put(last.getId(), last.getCreatedAt());
            }
        }
        Follower follower = new Follower(emitter, user, locale, cursor, sent, expiresAt);
        emitter.onCompletion(() -> followers.remove(follower));
        emitter.onTimeout(() -> {
            // the token expired: end the stream cleanly; the client comes back with a fresh one
            followers.remove(follower);
            emitter.complete();
        });
        emitter.onError(e -> followers.remove(follower));
        emitter.send(SseEmitter.event().comment("connected"));
        closeOldestBeyondCap(user.id());
        followers.add(follower);
        return emitter;
    }

    /** Leaves room for one more stream of this person: their oldest ones beyond the cap are closed. */
    private void closeOldestBeyondCap(String userId) {
        List<Follower> theirs = followers.stream().filter(f -> f.user.id().equals(userId))
                .sorted(Comparator.comparingLong(f -> f.openedAt)).toList();
        for (int i = 0; i <= theirs.size() - perUser; i++) {
            Follower oldest = theirs.get(i);
            followers.remove(oldest);
            oldest.emitter.complete();
        }
    }

    private void pollAll() {
        Instant now = Instant.now();
        for (Follower follower : followers) {
            if (!now.isBefore(follower.expiresAt)) {
                followers.remove(follower);
                follower.emitter.complete();
                continue;
            }
            try {
                follower.poll();
            } catch (IOException | IllegalStateException gone) {
                followers.remove(follower);
            } catch (RuntimeException e) {
                log.warn("Notification stream of {} failed: {}", follower.user.id(), e.toString());
            }
        }
    }

    /**
     * Ends every open stream as soon as the instance starts shutting down, before the web server's graceful
     * shutdown waits for requests to finish: an open stream never finishes by itself, so it would hold the
     * shutdown for the whole grace period (30 s). Browsers reconnect at once, to another instance, with
     * {@code Last-Event-ID}, and miss nothing.
     */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        poller.shutdownNow();
        followers.forEach(f -> f.emitter.complete());
        followers.clear();
    }

    @PreDestroy
    void close() {
        endStreams();
    }

    private final class Follower {
        final SseEmitter emitter;
        final CurrentUser user;
        final Locale locale;
        /** Nothing older than where the stream started (or resumed) is sent. */
        final Instant floor;
        /** The newest {@code createdAt} sent. */
        Instant cursor;
        /** What was sent, by id, while it is within the overlap of the cursor. */
        final Map<String, Instant> sent;
        long lastSent = System.currentTimeMillis();
        final long openedAt = System.nanoTime();
        final Instant expiresAt;

        Follower(SseEmitter emitter, CurrentUser user, Locale locale, Instant cursor, Map<String, Instant> sent,
                 Instant expiresAt) {
            this.expiresAt = expiresAt;
            this.emitter = emitter;
            this.user = user;
            this.locale = locale;
            this.floor = cursor;
            this.cursor = cursor;
            this.sent = sent;
        }

        /**
         * Sends what is new. A notification's {@code createdAt} is taken before it is written, and several
         * consumers (threads, instances) write at once, so one stamped earlier can land after a later one was
         * sent: each poll looks back {@code overlap} before the cursor and leaves out what it already sent.
         */
        synchronized void poll() throws IOException {
            Preferences prefs = inbox.preferences(user.id());
            if (prefs.inApp()) {
                Instant from = later(floor, cursor.minus(overlap));
                List<Notification> fresh = mongo.find(new Query(new Criteria().andOperator(inbox.of(user, prefs),
                                Criteria.where("createdAt").gte(from), Criteria.where("_id").nin(sent.keySet())))
                        .with(Sort.by("createdAt", "_id")).limit(100), Notification.class);
                for (Notification n : fresh) {
                    emitter.send(SseEmitter.event().id(n.getId()).name("notification").data(inbox.view(n, user, locale),
                            MediaType.APPLICATION_JSON));
                    cursor = later(cursor, n.getCreatedAt());
                    sent.put(n.getId(), n.getCreatedAt());
                    lastSent = System.currentTimeMillis();
                }
                Instant next = later(floor, cursor.minus(overlap));
                sent.values().removeIf(createdAt -> createdAt.isBefore(next));
            }
            if (System.currentTimeMillis() - lastSent >= heartbeatMillis) {
                emitter.send(SseEmitter.event().comment("heartbeat"));
                lastSent = System.currentTimeMillis();
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
