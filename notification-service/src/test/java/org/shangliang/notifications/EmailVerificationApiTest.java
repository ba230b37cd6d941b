package org.shangliang.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.contracts.topic.TopicStatusChanged;
import org.shangliang.platform.testing.ApiClient;
import org.shangliang.platform.testing.Streams;

/** Issue 13 item 11: an address is mailed nothing but its code until its owner enters the code. */
class EmailVerificationApiTest extends NotificationServiceTestSupport {

    private static void accepted(String c, String resident, String title) {
        String topic = "t-" + UUID.randomUUID();
        Streams.publish(new TopicStatusChanged(topic, c, c + "/x", title, TopicCategory.ELEVATOR, resident, TopicStatus.PROPOSED,
                TopicStatus.ACCEPTED, "review", "居委会同意", null, "committee", Instant.now()));
    }

    private static List<String> subjectsTo(String address) {
        return Stream.of(smtp.getReceivedMessages()).filter(m -> to(m).equals(address)).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String to(MimeMessage m) {
        try {
            return m.getAllRecipients() == null ? "" : m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void anUnconfirmedAddressGetsItsCodeOnlyAndNoticesOnceConfirmed() throws Exception {
        String c = community();
        String who = person("li.xiulan");
        String address = who + "@yuejiang.example";
        ApiClient resident = resident(c, who);

        var saved = resident.put("/api/notification-preferences", """
                {"email": "%s", "channels": {"inApp": true, "email": true}}""".formatted(address));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().get("emailVerified").asBoolean()).isFalse();
        assertThat(saved.body().get("emailVerification").get("attemptsLeft").asInt()).isEqualTo(5);
        assertThat(saved.body().get("emailVerification").get("sentTo").asString()).isEqualTo(address);

        String code = await().atMost(Duration.ofSeconds(30)).until(() -> codeMailedTo(address), Objects::nonNull);
        accepted(c, who, "31号楼加装电梯");
        inboxWith(resident, 1);
        Thread.sleep(1_500); // the dispatcher runs every 300 ms: a notice mail would be out by now
        assertThat(subjectsTo(address)).as("the code and nothing else").hasSize(1).allMatch(s -> s.contains(code));

        var wrong = resident.post("/api/notification-preferences/email-verification", """
                {"code": "%06d"}""".formatted((Integer.parseInt(code) + 1) % 1_000_000));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().get("detail").asString()).isEqualTo("验证码不对，还可以再试 4 次");
        assertThat(wrong.body().get("attemptsLeft").asInt()).isEqualTo(4);
        assertThat(wrong.body().get("errors").get(0).get("field").asString()).isEqualTo("code");

        var notACode = resident.post("/api/notification-preferences/email-verification", """
                {"code": "12345a"}""");
        assertThat(notACode.status()).isEqualTo(400);
        assertThat(notACode.body().get("errors").get(0).get("message").asString()).isEqualTo("验证码是 6 位数字");
        assertThat(resident.get("/api/notification-preferences").body().get("emailVerification").get("attemptsLeft").asInt())
                .as("a mistyped code costs no try").isEqualTo(4);

        var tooSoon = resident.inEnglish().post("/api/notification-preferences/email-verification/code", null);
        assertThat(tooSoon.status()).isEqualTo(409);
        assertThat(tooSoon.body().get("detail").asString()).isEqualTo("A code was sent a moment ago; ask for a new one in a minute");
        assertThat(tooSoon.body().has("nextCodeAt")).isTrue();

        var confirmed = resident.post("/api/notification-preferences/email-verification", """
                {"code": " %s "}""".formatted(code));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body().get("emailVerified").asBoolean()).isTrue();
        assertThat(confirmed.body().has("emailVerification")).isFalse();
        assertThat(resident.get("/api/notification-preferences").body().get("emailVerified").asBoolean()).isTrue();

        accepted(c, who, "5号楼停车");
        await().atMost(Duration.ofSeconds(30)).until(() -> subjectsTo(address).size() == 2);
        assertThat(subjectsTo(address).get(1)).contains("5号楼停车");

        var again = resident.put("/api/notification-preferences", """
                {"email": "%s", "language": "en", "channels": {"inApp": true, "email": true}}""".formatted(address.toUpperCase()));
        assertThat(again.body().get("emailVerified").asBoolean()).as("saving other settings keeps the confirmation").isTrue();
        var moved = resident.put("/api/notification-preferences", """
                {"email": "%s", "channels": {"inApp": true, "email": true}}""".formatted("new-" + address));
        assertThat(moved.body().get("emailVerified").asBoolean()).as("another address starts unconfirmed").isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> codeMailedTo("new-" + address) != null);
    }

    @Test
    void guessingInParallelGetsFiveTriesInAll() throws Exception {
        String c = community();
        String who = person("zhang.weimin");
        String address = who + "@yuejiang.example";
        ApiClient resident = resident(c, who);
        resident.put("/api/notification-preferences", """
                {"email": "%s", "channels": {"inApp": true, "email": true}}""".formatted(address));
        String code = await().atMost(Duration.ofSeconds(30)).until(() -> codeMailedTo(address), Objects::nonNull);
        String wrong = "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);

        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Integer>> guesses = IntStream.range(0, 12).<Callable<Integer>>mapToObj(i -> () -> resident
                    .post("/api/notification-preferences/email-verification", "{\"code\": \"" + wrong + "\"}").status()).toList();
            List<Integer> statuses = pool.invokeAll(guesses).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(statuses.stream().filter(s -> s == 400).count()).as("wrong tries answered as such").isEqualTo(4);
            assertThat(statuses.stream().filter(s -> s == 409).count()).as("the fifth and the rest: ask for a new code").isEqualTo(8);
        } finally {
            pool.shutdownNow();
        }
        var right = resident.post("/api/notification-preferences/email-verification", "{\"code\": \"" + code + "\"}");
        assertThat(right.status()).as("even the right code, once the tries are used up").isEqualTo(409);
        assertThat(resident.get("/api/notification-preferences").body().get("emailVerified").asBoolean()).isFalse();
    }
}
