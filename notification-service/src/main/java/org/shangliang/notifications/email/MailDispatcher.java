package org.shangliang.notifications.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.shangliang.notifications.inbox.NotificationTexts;
import org.shangliang.notifications.inbox.NotificationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends queued emails on its own schedule, never on the Kafka consumers' threads: an SMTP outage
 * delays mail and loses none. Failed sends are retried with growing pauses; a circuit breaker stops
 * hammering a server that is down. One instance sends at a time (ShedLock).
 */
@Component
class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

    private final MongoTemplate mongo;
    private final JavaMailSender mail;
    private final MeterRegistry meters;
    private final NotificationTexts texts;
    private final Clock clock;
    private final String from;
    private final String siteUrl;
    private final int maxAttempts;
    private final CircuitBreaker breaker;

    MailDispatcher(MongoTemplate mongo, JavaMailSender mail, NotificationTexts texts, Clock clock, MeterRegistry meters,
                   @Value("${shangliang.mail.from:noreply@shangliang.local}") String from,
                   @Value("${SITE_URL:http://127.0.0.1:8080}") String siteUrl,
                   @Value("${shangliang.mail.max-attempts:40}") int maxAttempts,
                   @Value("${shangliang.mail.open-circuit-for:30s}") Duration openFor) {
        this.mongo = mongo;
        this.meters = meters;
        this.mail = mail;
        this.texts = texts;
        this.clock = clock;
        this.from = from;
        this.siteUrl = siteUrl.replaceAll("/+$", "");
        this.maxAttempts = maxAttempts;
        this.breaker = CircuitBreaker.of("smtp", CircuitBreakerConfig.custom().slidingWindowSize(5).minimumNumberOfCalls(3)
                .failureRateThreshold(60).waitDurationInOpenState(openFor).permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    /**
     * One instance sends at a time (ShedLock). An instance killed while sending keeps the lock until
     * {@code lockAtMostFor}: that is the longest mail stops after a crash, so it is one minute, and a
     * run stops taking new deliveries after {@link #RUN_BUDGET} so it always ends well within it
     * (the next run, two seconds later, goes on).
     */
    @Scheduled(fixedDelayString = "${shangliang.mail.interval:2s}", initialDelayString = "${shangliang.mail.interval:2s}")
    @SchedulerLock(name = "mail-dispatcher", lockAtMostFor = "PT1M")
    void dispatch() {
        Instant now = clock.instant();
        for (EmailDelivery delivery : mongo.find(new Query(Criteria.where("status").is(EmailDelivery.Status.PENDING)
                .and("nextAttemptAt").lte(now)).with(Sort.by("nextAttemptAt")).limit(100), EmailDelivery.class)) {
            if (clock.instant().isAfter(now.plus(RUN_BUDGET))) {
                return;
            }
            try {
                breaker.executeRunnable(() -> send(delivery));
                save(delivery.sent(clock.instant()));
                meters.counter("shangliang.emails", "outcome", "sent").increment();
            } catch (CallNotPermittedException open) {
                return; // the server is down; the next ticks try again once the circuit lets a call through
            } catch (RuntimeException e) {
                int attempt = delivery.attempts() + 1;
                boolean giveUp = attempt >= maxAttempts;
                Duration pause = Duration.ofSeconds(Math.min(300, 1L << Math.min(attempt, 9)));
                save(delivery.failedAttempt(e.getMessage(), clock.instant().plus(pause), giveUp));
                meters.counter("shangliang.emails", "outcome", giveUp ? "given-up" : "retrying").increment();
                log.warn("Email {} to {} failed (attempt {}){}: {}", delivery.id(), delivery.to(), attempt,
                        giveUp ? ", giving up" : ", retrying in " + pause.toSeconds() + " s", e.toString());
            }
        }
    }

    /** Sending one mail takes at most 12 s (connection 2 s, write 5 s, read 5 s); a run takes new ones for 30 s. */
    static final Duration RUN_BUDGET = Duration.ofSeconds(30);

    private void send(EmailDelivery delivery) {
        var text = EmailDelivery.VERIFICATION.equals(delivery.type())
                ? texts.verification(delivery.params().get(0), NotificationTexts.localeOf(delivery.language()))
                : texts.render(NotificationType.valueOf(delivery.type()), delivery.params(),
                NotificationTexts.localeOf(delivery.language()));
        try {
            MimeMessage message = mail.createMimeMessage();
            var helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(delivery.to());
            // no header injection from user text: a subject is one line
            helper.setSubject(text.title().replaceAll("[\\r\\n]+", " "));
            String link = delivery.link() == null ? null : siteUrl + delivery.link();
            var locale = NotificationTexts.localeOf(delivery.language());
            helper.setText(link == null ? text.body() : text.body() + "\n\n" + texts.openPage(locale, link),
                    "<p>" + HtmlUtils.htmlEscape(text.body()).replace("\n", "<br>") + "</p>"
                            + (link == null ? "" : "<p><a href=\"" + HtmlUtils.htmlEscape(link) + "\">"
                            + HtmlUtils.htmlEscape(texts.openPage(locale, link)) + "</a></p>"));
            mail.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void save(EmailDelivery delivery) {
        try {
            mongo.save(delivery);
        } catch (OptimisticLockingFailureException e) {
            log.debug("Delivery {} changed meanwhile", delivery.id());
        }
    }
}
