package org.shangliang.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.shangliang.infra.Ports;
import org.shangliang.infra.SharedInfrastructure;
import org.shangliang.infra.TestTokens;
import org.shangliang.platform.testing.ApiClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shangliang.mail.interval=300ms", "shangliang.mail.open-circuit-for=1s", "shangliang.events.initial-back-off=50ms",
        "shangliang.notifications.stream-poll=200ms"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
public abstract class NotificationServiceTestSupport {

    /** A real SMTP server, started before the Spring context so its port can be configured. */
    protected static final int SMTP_PORT = Ports.free();
    protected static GreenMail smtp = startSmtp();

    protected final TestTokens tokens = TestTokens.shared();

    @LocalServerPort
    protected int port;

    protected static synchronized GreenMail startSmtp() {
        GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.mail.host", () -> "127.0.0.1");
    }

    protected static String community() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static String person(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    protected ApiClient resident(String community, String userId) {
        return new ApiClient(port, tokens.resident(userId, userId, community, community + "/yuejiang-xincun/31/3/601"));
    }

    protected ApiClient committee(String community, String userId) {
        return new ApiClient(port, tokens.token(userId, "王建国", List.of("COMMITTEE"), community, null));
    }

    protected ApiClient staff(String community) {
        return new ApiClient(port, tokens.token("staff-" + community, "钱芸", List.of("STAFF"), community, null));
    }

    protected static List<String> types(JsonNode inbox) {
        return inbox.get("items").valueStream().map(n -> n.get("type").asString()).toList();
    }

    /**
     * Saves preferences with an e-mail address and confirms the address with the code mailed to it, as
     * its owner would: until then nothing else is mailed to it.
     */
    protected static void confirmedEmail(ApiClient user, String address, String preferences) {
        assertThat(user.put("/api/notification-preferences", preferences).status()).isEqualTo(200);
        String code = await().atMost(Duration.ofSeconds(30)).until(() -> codeMailedTo(address), Objects::nonNull);
        assertThat(user.post("/api/notification-preferences/email-verification", """
                {"code": "%s"}""".formatted(code)).status()).isEqualTo(200);
    }

    /** The newest code mailed to {@code address}, or null. */
    protected static String codeMailedTo(String address) throws MessagingException {
        String code = null;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            Matcher subject = CODE_SUBJECT.matcher(m.getSubject());
            if (m.getAllRecipients() != null && m.getAllRecipients()[0].toString().equals(address) && subject.matches()) {
                code = subject.group(1);
            }
        }
        return code;
    }

    /** "商量：邮箱验证码 123456", "Shangliang: your e-mail code 123456". */
    protected static final Pattern CODE_SUBJECT = Pattern.compile(".*(?:验证码|e-mail code) (\\d{6})");

    /** The inbox once it has {@code count} notifications (they are made asynchronously from events). */
    protected JsonNode inboxWith(ApiClient user, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> user.get("/api/notifications?size=100").body()
                .get("total").asInt() >= count);
        return user.get("/api/notifications?size=100").body();
    }
}
