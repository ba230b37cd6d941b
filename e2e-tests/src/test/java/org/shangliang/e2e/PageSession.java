package org.shangliang.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The pages as a plain HTTP client with a cookie jar sees them: one person's session, forms sent as a browser sends them. */
final class PageSession {

    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    PageSession(String base) {
        this.base = base;
    }

    /** Signs in through the sign-in form; answers the sign-in's redirect. */
    HttpResponse<String> signIn(String username) throws IOException, InterruptedException {
        String login = get("/login").body();
        return post("/login", Map.of("username", username, "password", "demo2026", "_csrf", hidden(login, "_csrf")));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A printed document (PDF) of the pages: its text as PDFBox reads it back, after checking every font is embedded. */
    String pdfText(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = bytes(path);
        if (response.statusCode() != 200 || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/pdf")) {
            throw new AssertionError(path + " answered " + response.statusCode() + " " + response.headers().map());
        }
        try (var document = org.apache.pdfbox.Loader.loadPDF(response.body())) {
            for (var page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    if (!page.getResources().getFont(name).isEmbedded()) {
                        throw new AssertionError(path + ": font " + name + " is not embedded");
                    }
                }
            }
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("[ \\t]+", "");
        }
    }

    HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return http.send(form(path, fields), HttpResponse.BodyHandlers.ofString());
    }

    /** A form of the page at {@code page} (its CSRF and one-time tokens taken from it) with these fields. */
    HttpRequest formOf(String page, String action, Map<String, String> fields) throws IOException, InterruptedException {
        String html = get(page).body();
        var all = new LinkedHashMap<>(fields);
        all.put("_page", page);
        all.put("_csrf", hidden(html, "_csrf"));
        all.put("_once", hidden(html, "_once"));
        return form(action, all);
    }

    HttpRequest form(String path, Map<String, String> fields) {
        String body = String.join("&", fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("The page has no hidden field " + name);
        }
        return m.group(1);
    }
}
