package org.shangliang.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.shangliang.infra.MailServer;
import org.shangliang.infra.Ports;

/** The local stack's mail page shows what the real SMTP server received: readable text, nothing a sender could inject. */
class MailViewerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void send(int smtpPort, String subject, String text, String html) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("noreply@shangliang.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("li.xiulan@yuejiang.example"));
        message.setSubject(subject, "UTF-8");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(html, "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", plain, rich));
        Transport.send(message);
    }

    @Test
    void receivedMailIsListedAsReadableTextAndEscaped() throws Exception {
        int smtp = Ports.free();
        int web = Ports.free();
        try (MailServer mail = new MailServer(smtp).start(); MailViewer viewer = new MailViewer(mail, web).start()) {
            send(smtp, "表决开始：31号楼加装电梯 <script>alert(1)</script>", "请在 12月20日 前投票。\n查看详情：/ballots/b-1",
                    "<p>请在 <b>12月20日</b> 前投票。</p>");

            var page = get(web, "/", "GET");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("表决开始：31号楼加装电梯 &lt;script&gt;alert(1)&lt;/script&gt;")
                    .contains("请在 12月20日 前投票。").contains("li.xiulan@yuejiang.example").doesNotContain("<script>");

            var json = get(web, "/api/messages", "GET");
            assertThat(json.headers().firstValue("content-type").orElse("")).contains("application/json");
            assertThat(new String(json.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                    .contains("\"to\":\"li.xiulan@yuejiang.example\"").contains("查看详情：/ballots/b-1")
                    .as("the plain part is shown, not the HTML one").doesNotContain("<b>");

            assertThat(get(web, "/api/messages", "DELETE").statusCode()).isEqualTo(204);
            assertThat(get(web, "/api/messages", "GET").body()).isEqualTo("[]");
        }
    }
}
