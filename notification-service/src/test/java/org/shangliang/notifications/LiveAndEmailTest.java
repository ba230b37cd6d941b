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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicCompleted;
import org.shangliang.contracts.topic.TopicProposed;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.contracts.topic.TopicStatusChanged;
import org.shangliang.platform.testing.ApiClient;
import org.shangliang.platform.testing.Streams;

class LiveAndEmailTest extends NotificationServiceTestSupport {

    /** A Server-Sent Events client that records the ids and data lines it receives. */
    private final class Listener implements AutoCloseable {
        final List<String> ids = new CopyOnWriteArrayList<>();
        final List<String> data = new CopyOnWriteArrayList<>();
        volatile boolean ended;
        private final java.util.concurrent.CompletableFuture<HttpResponse<Stream<String>>> response;

        Listener(String token, String lastEventId) {
            var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notifications/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                builder.header("Last-Event-ID", lastEventId);
            }
            response = HttpClient.newHttpClient().sendAsync(builder.build(), HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(r -> {
                r.body().forEach(line -> {
                    if (line.startsWith("id:")) {
                        ids.add(line.substring(3).strip());
                    } else if (line.startsWith("data:")) {
                        data.add(line.substring(5).strip());
                    }
                });
                ended = true;
            });
        }

        @Override
        public void close() {
            response.cancel(true);
            response.thenAccept(r -> r.body().close());
        }
    }

    private String proposed(String c, String proposer, String title) {
        String topic = "t-" + java.util.UUID.randomUUID();
        Streams.publish(new TopicProposed(topic, c, c + "/x", title, TopicCategory.GREENERY, proposer, "李秀兰", 5, Instant.now()));
        return topic;
    }

    private void statusChanged(String c, String topic, String proposer, String title, TopicStatus to) {
        Streams.publish(new TopicStatusChanged(topic, c, c + "/x", title, TopicCategory.GREENERY, proposer, TopicStatus.PROPOSED,
                to, "review", "理由：" + title, null, "committee", Instant.now()));
    }

    @Test
    void aStreamGetsNewNotificationsAndAfterAReconnectTheOnesItMissed() throws Exception {
        String c = community();
        String proposer = person("li.xiulan");
        String token = tokens.resident(proposer, "李秀兰", c, c + "/x/1/1/101");
        String topic = proposed(c, proposer, "绿化补种");
        String first;
        try (var live = new Listener(token, null)) {
            Thread.sleep(500);
            statusChanged(c, topic, proposer, "绿化补种", TopicStatus.ACCEPTED);
            await().atMost(Duration.ofSeconds(20)).until(() -> live.ids.size() == 1);
            assertThat(live.data.get(0)).contains("TOPIC_STATUS_CHANGED", "绿化补种");
            first = live.ids.get(0);
        }
        Streams.publish(new TopicCompleted(topic, c, "绿化补种", "补种完成", "staff", Instant.now()));
        String second = proposed(c, proposer, "楼道粉刷");
        statusChanged(c, second, proposer, "楼道粉刷", TopicStatus.REJECTED);
        inboxWith(resident(c, proposer), 3);
        try (var resumed = new Listener(token, first)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> resumed.ids.size() == 2);
            Thread.sleep(1_000);
            assertThat(resumed.ids).hasSize(2).doesNotContain(first);
            assertThat(String.join("\n", resumed.data)).contains("TOPIC_COMPLETED", "楼道粉刷");
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpiresAndOnePersonKeepsAtMostFiveOpen() throws Exception {
        String c = community();
        String reader = person("li.xiulan");
        String shortLived = tokens.sign(tokens.claims(reader, "李秀兰", List.of("RESIDENT"), c, c + "/x/1/1/101",
                Instant.now(), Duration.ofSeconds(3)).build());
        try (var expiring = new Listener(shortLived, null)) {
            Thread.sleep(1_000);
            assertThat(expiring.ended).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> expiring.ended);
        }

        String token = tokens.resident(reader, "李秀兰", c, c + "/x/1/1/101");
        List<Listener> tabs = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                tabs.add(new Listener(token, null));
                Thread.sleep(300);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> tabs.get(0).ended);
            Thread.sleep(500);
            assertThat(tabs.subList(1, 6)).noneMatch(l -> l.ended);
        } finally {
            tabs.forEach(Listener::close);
        }
    }

    @Test
    void emailsGoOutInTheRecipientsLanguageWithUserTextEscapedAndMutedTypesAndEmailOffRespected() throws Exception {
        String c = community();
        String zh = person("zhao.lei");
        String en = person("chen.fang");
        String muted = person("xu.jing");
        String off = person("sun.lihua");
        confirmedEmail(resident(c, zh), zh + "@example.cn", """
                {"email": "%s@example.cn", "channels": {"inApp": true, "email": true}}""".formatted(zh));
        confirmedEmail(resident(c, en), en + "@example.cn", """
                {"email": "%s@example.cn", "language": "en", "channels": {"inApp": true, "email": true}}""".formatted(en));
        confirmedEmail(resident(c, muted), muted + "@example.cn", """
                {"email": "%s@example.cn", "channels": {"inApp": true, "email": true},
                 "mutedCategories": ["TOPIC_STATUS_CHANGED"]}""".formatted(muted));
        confirmedEmail(resident(c, off), off + "@example.cn", """
                {"email": "%s@example.cn", "channels": {"inApp": true, "email": false}}""".formatted(off));
        assertThat(resident(c, off).put("/api/notification-preferences", """
                {"email": "not-an-address", "channels": {"inApp": true, "email": true}, "mutedCategories": ["NOPE"]}""")
                .status()).isEqualTo(400);

        String title = "<script>alert(1)</script>\r\nBcc: evil@example.com";
        for (String who : List.of(zh, en, muted, off)) {
            String topic = proposed(c, who, title);
            statusChanged(c, topic, who, title, TopicStatus.ACCEPTED);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(zh + "@example.cn").size() == 1
                && messagesTo(en + "@example.cn").size() == 1);
        Thread.sleep(1_500);
        MimeMessage chinese = messagesTo(zh + "@example.cn").get(0);
        assertThat(chinese.getSubject()).startsWith("议题“<script>").doesNotContain("\n").doesNotContain("\r");
        assertThat(chinese.getHeader("Bcc")).isNull();
        assertThat(texts(chinese)).contains("&lt;script&gt;").contains("已受理").doesNotContain("<script>alert");
        assertThat(messagesTo(en + "@example.cn").get(0).getSubject()).contains(": accepted");
        assertThat(messagesTo(muted + "@example.cn")).isEmpty();
        assertThat(messagesTo(off + "@example.cn")).isEmpty();
        assertThat(resident(c, muted).get("/api/notifications").body().get("total").asInt()).as("muted in the inbox too").isZero();
        assertThat(resident(c, off).get("/api/notifications").body().get("total").asInt()).as("email off, in-app on").isEqualTo(1);
    }

    @Test
    void anSmtpOutageDelaysMailLosesNoneAndSendsEachOnce() throws Exception {
        String c = community();
        String who = person("huang.zhiqiang");
        confirmedEmail(resident(c, who), who + "@example.cn", """
                {"email": "%s@example.cn", "channels": {"inApp": true, "email": true}}""".formatted(who));
        smtp.stop();
        try {
            for (int i = 0; i < 3; i++) {
                String topic = proposed(c, who, "停电期间的议题" + i);
                statusChanged(c, topic, who, "停电期间的议题" + i, TopicStatus.ACCEPTED);
            }
            ApiClient staff = staff(c);
            await().atMost(Duration.ofSeconds(30)).until(() -> staff.get("/api/notifications/deliveries?status=PENDING&size=100")
                    .body().get("items").valueStream().filter(d -> d.get("recipientId").asString().equals(who)
                            && d.get("attempts").asInt() > 0).count() == 3);
            assertThat(resident(c, who).get("/api/notifications").body().get("total").asInt()).as("in-app goes on").isEqualTo(3);
        } finally {
            smtp = startSmtp();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> messagesTo(who + "@example.cn").size() == 3);
        Thread.sleep(2_000);
        assertThat(messagesTo(who + "@example.cn")).hasSize(3);
        assertThat(staff(c).get("/api/notifications/deliveries?status=SENT&size=100").body().get("items").valueStream()
                .filter(d -> d.get("recipientId").asString().equals(who) && !d.get("type").asString().equals("EMAIL_VERIFICATION"))
                .count()).isEqualTo(3);
        assertThat(resident(c, who).get("/api/notifications/deliveries").status()).isEqualTo(403);
        var mine = staff(c).get("/api/notifications/deliveries?status=SENT&size=100").body().get("items").valueStream()
                .filter(d -> d.get("recipientId").asString().equals(who) && !d.get("type").asString().equals("EMAIL_VERIFICATION"))
                .findFirst().orElseThrow();
        assertThat(mine.get("to").asString()).as("staff see that it was sent, not the address")
                .isEqualTo(who.charAt(0) + "***@example.cn");
        assertThat(staff(community()).get("/api/notifications/deliveries?size=100").body().get("items").valueStream()
                .noneMatch(d -> d.get("recipientId").asString().equals(who))).as("another community's staff see none").isTrue();
    }

    /** Every decoded text part of a message (the plain one and the HTML one). */
    private static String texts(jakarta.mail.Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(texts(multipart.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        return part.isMimeType("text/html") ? content.toString() : "";
    }

    private static List<MimeMessage> messagesTo(String address) {
        return Stream.of(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients() != null && m.getAllRecipients()[0].toString().equals(address)
                        && !CODE_SUBJECT.matcher(m.getSubject()).matches();
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }
}
