package org.shangliang.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.contracts.topic.TopicStatusChanged;
import org.shangliang.infra.SharedInfrastructure;
import org.shangliang.platform.testing.ApiClient;
import org.shangliang.platform.testing.Streams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second notification-service instance on the same database, broker and mail relay: the two share
 * the streams' partitions, yet each event makes one notification, each e-mail goes out once, and a live
 * stream open on one instance gets the notifications the other one made.
 */
class TwoInstancesTest extends NotificationServiceTestSupport {

    private static ConfigurableApplicationContext second;
    private static int secondPort;

    @BeforeAll
    static void startSecondInstance() {
        second = new SpringApplicationBuilder(NotificationServiceApplication.class)
                .initializers(new SharedInfrastructure())
                .properties("spring.application.name=notification-service", "shangliang.mail.interval=300ms",
                        "shangliang.mail.open-circuit-for=1s", "shangliang.events.initial-back-off=50ms",
                        "shangliang.notifications.stream-poll=200ms")
                // arguments outrank application.yml (which reads SMTP_HOST and SMTP_PORT)
                .run("--server.port=0", "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP_PORT);
        secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stopSecondInstance() {
        second.close();
    }

    @Test
    void eachEventMakesOneNotificationAndOneEmailAndTheOtherInstancesStreamShowsThemAll() throws Exception {
        String c = community();
        String proposer = person("zhang.weimin");
        String address = proposer + "@example.cn";
        String token = tokens.resident(proposer, proposer, c, c + "/yuejiang-xincun/31/3/601");
        confirmedEmail(new ApiClient(secondPort, token), address, """
                {"email": "%s", "channels": {"inApp": true, "email": true}}""".formatted(address));

        List<String> live = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + secondPort + "/api/notifications/stream"))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(r -> r.body().filter(line -> line.startsWith("id:")).forEach(live::add));
        try {
            Thread.sleep(500);
            for (int i = 0; i < 12; i++) {
                // twelve topics: their keys spread the events over the stream's partitions, so over both instances
                String topic = "t-" + UUID.randomUUID();
                var accepted = new TopicStatusChanged(topic, c, c + "/x", "31号楼第" + (i + 1) + "个议题", TopicCategory.GREENERY,
                        proposer, TopicStatus.PROPOSED, TopicStatus.ACCEPTED, "review", "同意立项", null, "committee", Instant.now());
                String eventId = Streams.publish(accepted);
                if (i % 4 == 0) {
                    Streams.publish(accepted, eventId); // redelivered
                }
            }
            ApiClient onFirst = new ApiClient(port, token);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(live).as("live on the second instance; inbox: "
                    + onFirst.get("/api/notifications?size=100").body().get("total")).hasSizeGreaterThanOrEqualTo(12));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mailsTo(address)).isGreaterThanOrEqualTo(12));
            Thread.sleep(2_000);
        } finally {
            stream.cancel(true);
            stream.thenAccept(r -> r.body().close());
        }
        assertThat(live).as("the stream on the second instance").hasSize(12).doesNotHaveDuplicates();
        assertThat(new ApiClient(port, token).get("/api/notifications?size=100").body().get("total").asInt())
                .as("the inbox read on the first instance").isEqualTo(12);
        assertThat(mailsTo(address)).as("each mailed once by one of the two dispatchers").isEqualTo(12);
    }

    /** Messages to the address other than its confirmation code. */
    private static long mailsTo(String address) {
        return Stream.of(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address) && !CODE_SUBJECT.matcher(m.getSubject()).matches();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }
}
