package org.shangliang.web.inbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import org.shangliang.web.GatewayProperties;
import org.shangliang.web.api.RequestIds;
import org.shangliang.web.page.Viewer;
import org.shangliang.web.signin.SignedIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The browser's live messages: {@code GET /inbox/stream} relays the signed-in person's notification
 * stream from the gateway ({@code /api/notifications/stream}) with their token, which never reaches
 * the browser. No thread waits per open stream: the upstream lines arrive through a non-blocking
 * subscriber and go out through the servlet's asynchronous response. The stream ends when the token
 * does (the browser reconnects with {@code Last-Event-ID} and, after signing in again, resumes).
 */
@RestController
class LiveStream {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    private static final Duration LONGEST = Duration.ofMinutes(30);

    private final HttpClient http;
    private final String gateway;

    LiveStream(GatewayProperties properties) {
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        this.gateway = properties.url();
    }

    @GetMapping(path = "/inbox/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      HttpServletRequest servletRequest) {
        var session = servletRequest.getSession(false);
        SignedIn me = Viewer.current();
        if (me == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        }
        Duration left = me.expiresAt() == null ? LONGEST : Duration.between(Instant.now(), me.expiresAt());
        if (left.isNegative() || left.isZero()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        }
        SseEmitter emitter = new SseEmitter(Math.min(left.toMillis(), LONGEST.toMillis()));
        var request = HttpRequest.newBuilder(URI.create(gateway + "/api/notifications/stream"))
                .header("Authorization", "Bearer " + me.accessToken())
                .header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
                .header("Accept-Language", "en".equals(LocaleContextHolder.getLocale()
                        .getLanguage()) ? "en" : "zh-CN");
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            request.header(RequestIds.HEADER, requestId);
        }
        if (lastEventId != null && lastEventId.matches("[A-Za-z0-9:._-]{1,100}")) {
            request.header("Last-Event-ID", lastEventId);
        }
        var relay = new Relay(emitter, () -> UnreadBadge.forget(session));
        emitter.onCompletion(relay::cancel);
        emitter.onTimeout(relay::finish);
        emitter.onError(e -> relay.cancel());
        http.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.fromLineSubscriber(relay))
                .whenComplete((response, failure) -> {
                    if (failure != null || response.statusCode() != 200) {
                        log.debug("Live stream of {} ended upstream: {}", me.userId(),
                                failure != null ? failure.toString() : response.statusCode());
                        relay.finish();
                    }
                });
        return emitter;
    }

    /** Turns the upstream's lines back into events (id, event name, data) and sends each on. */
    private static final class Relay implements Flow.Subscriber<String> {
        private final SseEmitter emitter;
        private final Runnable onNotification;
        private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        private String id;
        private String name;
        private final List<String> data = new ArrayList<>();
        private volatile boolean done;

        Relay(SseEmitter emitter, Runnable onNotification) {
            this.emitter = emitter;
            this.onNotification = onNotification;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.set(s);
            if (done) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(String line) {
            if (done) {
                return;
            }
            try {
                if (line.isEmpty()) {
                    dispatch();
                } else if (line.startsWith(":")) {
                    emitter.send(SseEmitter.event().comment(line.substring(1).strip()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            } catch (IOException | IllegalStateException e) {
                cancel();
            }
        }

        private void dispatch() throws IOException {
            if (!data.isEmpty()) {
                var event = SseEmitter.event().data(String.join("\n", data), MediaType.TEXT_PLAIN);
                if (id != null) {
                    event.id(id);
                }
                if (name != null) {
                    event.name(name);
                }
                emitter.send(event);
                if ("notification".equals(name)) {
                    onNotification.run();
                }
            }
            id = null;
            name = null;
            data.clear();
        }

        @Override
        public void onError(Throwable t) {
            finish();
        }

        @Override
        public void onComplete() {
            finish();
        }

        void cancel() {
            done = true;
            Flow.Subscription s = subscription.get();
            if (s != null) {
                s.cancel();
            }
        }

        void finish() {
            cancel();
            try {
                emitter.complete();
            } catch (IllegalStateException ignored) {
                // already completed
            }
        }
    }
}
