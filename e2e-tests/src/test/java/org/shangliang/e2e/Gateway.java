package org.shangliang.e2e;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The platform as its users reach it: the gateway, signed in with the demo accounts. */
final class Gateway {

    record Answer(int status, JsonNode body) {
        String text(String field) {
            return body.get(field).asString();
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where a person's token comes from: the built-in issuer, or an external provider. */
    @FunctionalInterface
    interface SignIn {
        String token(String username) throws java.io.IOException, InterruptedException;
    }

    private final RunningStack stack;
    private final SignIn signIn;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new HashMap<>();

    Gateway(RunningStack stack) {
        this(stack, stack::signIn);
    }

    Gateway(RunningStack stack, SignIn signIn) {
        this.stack = stack;
        this.signIn = signIn;
    }

    Answer get(String user, String path) {
        return send(user, "GET", path, null);
    }

    Answer post(String user, String path, String json) {
        return send(user, "POST", path, json);
    }

    Answer put(String user, String path, String json) {
        return send(user, "PUT", path, json);
    }

    Answer send(String user, String method, String path, String json) {
        try {
            var builder = HttpRequest.newBuilder(URI.create(stack.gateway() + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token(user))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            if (json != null) {
                builder.header("Content-Type", "application/json");
            }
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            return new Answer(response.statusCode(), isJson && !response.body().isBlank() ? JSON.readTree(response.body())
                    : JSON.nullNode());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The mail the stack's SMTP server received, from its viewer. */
    JsonNode mail() {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports.get("MAIL_VIEWER_PORT")
                    + "/api/messages")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sets a person's e-mail address and confirms it with the code the stack mailed to it, as she would
     * on the settings page: until then nothing but the code is mailed to it.
     */
    void confirmedEmail(String user, String address) {
        Answer saved = put(user, "/api/notification-preferences",
                "{\"email\": \"" + address + "\", \"channels\": {\"inApp\": true, \"email\": true}}");
        if (saved.status() != 200) {
            throw new AssertionError("preferences not saved: " + saved.status() + " " + saved.body());
        }
        if (saved.body().path("emailVerified").asBoolean(false)) {
            return;
        }
        String code = codeMailedTo(address);
        Answer confirmed = post(user, "/api/notification-preferences/email-verification", "{\"code\": \"" + code + "\"}");
        if (confirmed.status() != 200) {
            throw new AssertionError("address not confirmed: " + confirmed.status() + " " + confirmed.body());
        }
    }

    /** The newest code the stack mailed to {@code address}, once it has arrived. */
    String codeMailedTo(String address) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> mail().valueStream()
                .filter(m -> m.get("to").asString().contains(address))
                .map(m -> CODE.matcher(m.get("subject").asString())).filter(Matcher::matches)
                .map(m -> m.group(1)).reduce((first, last) -> last).orElse(null), Objects::nonNull);
    }

    /** The subject of the mail with an address's code: "商量：邮箱验证码 123456". */
    private static final Pattern CODE = Pattern.compile(".*(?:验证码|e-mail code) (\\d{6})");

    private synchronized String token(String user) throws java.io.IOException, InterruptedException {
        String token = tokens.get(user);
        if (token == null) {
            token = signIn.token(user);
            tokens.put(user, token);
        }
        return token;
    }

    static String in(Duration fromNow) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).plus(fromNow).toString();
    }
}
