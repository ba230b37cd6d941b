package org.shangliang.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.shangliang.infra.MailServer;

/**
 * Reads the mail the local SMTP server received: {@code GET /api/messages} as JSON (for scripts and
 * end-to-end tests), {@code GET /} as a page, {@code DELETE /api/messages} to empty it.
 */
final class MailViewer implements AutoCloseable {

    private final MailServer mail;
    private final HttpServer server;

    MailViewer(MailServer mail, int port) {
        this.mail = mail;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/messages", this::messages);
        server.createContext("/", this::page);
    }

    MailViewer start() {
        server.start();
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void messages(HttpExchange exchange) throws IOException {
        if ("DELETE".equals(exchange.getRequestMethod())) {
            mail.purge();
            respond(exchange, 204, "application/json", "");
            return;
        }
        StringBuilder json = new StringBuilder("[");
        for (Message m : read()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"to\":").append(Json.string(m.to())).append(",\"from\":").append(Json.string(m.from()))
                    .append(",\"subject\":").append(Json.string(m.subject())).append(",\"receivedAt\":")
                    .append(Json.string(m.receivedAt())).append(",\"body\":").append(Json.string(m.body())).append('}');
        }
        respond(exchange, 200, "application/json; charset=utf-8", json.append(']').toString());
    }

    private void page(HttpExchange exchange) throws IOException {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\">"
                + "<title>商量 · 本地邮件</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em;"
                + "border-bottom:1px solid #ddd;vertical-align:top;text-align:left}pre{white-space:pre-wrap;margin:0}</style>"
                + "<h1>本地 SMTP 收到的邮件 / Mail received by the local SMTP server</h1><table><tr><th>收件人 To</th>"
                + "<th>主题 Subject</th><th>时间 Received</th><th>正文 Body</th></tr>");
        for (Message m : read()) {
            html.append("<tr><td>").append(Html.escape(m.to())).append("</td><td>").append(Html.escape(m.subject()))
                    .append("</td><td>").append(Html.escape(m.receivedAt())).append("</td><td><pre>")
                    .append(Html.escape(m.body())).append("</pre></td></tr>");
        }
        respond(exchange, 200, "text/html; charset=utf-8", html.append("</table></html>").toString());
    }

    private List<Message> read() {
        List<Message> messages = new ArrayList<>();
        for (MimeMessage message : mail.received()) {
            try {
                messages.add(new Message(join(message.getAllRecipients()), join(message.getFrom()),
                        message.getSubject(), message.getSentDate() == null ? ""
                        : message.getSentDate().toInstant().toString(), Objects.requireNonNullElseGet(
                        plainText(message), () -> GreenMailUtil.getBody(message))));
            } catch (MessagingException e) {
                messages.add(new Message("", "", "(unreadable message: " + e.getMessage() + ")", "", ""));
            }
        }
        return messages;
    }

    /**
     * The readable text of a message: its text/plain part decoded (quoted-printable or base64, in its
     * charset), else its HTML part, else the raw body, so nobody has to decode base64 by hand.
     */
    static String plainText(Part part) {
        try {
            String html = null;
            if (part.isMimeType("text/plain")) {
                return String.valueOf(part.getContent());
            }
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    if (child.isMimeType("text/html") && html == null) {
                        html = String.valueOf(child.getContent());
                        continue;
                    }
                    String text = plainText(child);
                    if (text != null) {
                        return text;
                    }
                }
            }
            if (part.isMimeType("text/html")) {
                html = String.valueOf(part.getContent());
            }
            return html;
        } catch (MessagingException | IOException e) {
            return null;
        }
    }

    private static String join(Address[] addresses) {
        if (addresses == null) {
            return "";
        }
        List<String> all = new ArrayList<>();
        for (Address a : addresses) {
            all.add(a.toString());
        }
        return String.join(", ", all);
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private record Message(String to, String from, String subject, String receivedAt, String body) {
    }
}
