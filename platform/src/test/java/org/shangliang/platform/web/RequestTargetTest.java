package org.shangliang.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.shangliang.platform.PlatformIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests Tomcat refuses before they reach Spring (characters a browser would encode, an encoded
 * slash) answer Problem Details in the caller's language, not Tomcat's HTML page. Sent over a raw
 * socket: java.net's client would refuse to send such a target at all.
 */
class RequestTargetTest extends PlatformIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aRequestTargetTomcatRefusesIsAProblemNotAnHtmlPage() throws Exception {
        // refused by Tomcat (an encoded / or NUL) or by the security firewall (;): a 400 Problem saying why
        for (String target : new String[] {"/api/samples/a%2Fb", "/api/samples/a%00b", "/api/samples/x;y"}) {
            String answer = send(target, "zh-CN");
            assertThat(answer).as(target).startsWith("HTTP/1.1 400");
            assertThat(answer).as(target).containsIgnoringCase("Content-Type: application/problem+json")
                    .contains("\"status\":400").contains("请求的地址里有不允许的字符").doesNotContain("<html")
                    .doesNotContain("\"timestamp\"");
        }
        assertThat(send("/api/samples/x;y", "en")).contains("characters that are not allowed");
        // [ ] | { } unencoded reach Spring, which answers as for any other request (here: no token)
        for (String target : new String[] {"/api/samples/[x]", "/api/samples?q=a|b{c}"}) {
            String answer = send(target, "zh-CN");
            assertThat(answer).as(target).startsWith("HTTP/1.1 401")
                    .containsIgnoringCase("Content-Type: application/problem+json");
        }
    }

    private String send(String target, String language) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: " + language
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
