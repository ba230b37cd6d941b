package org.shangliang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The local stack's built-in issuer: accounts from CSV, passwords checked by Spring Security's encoders. */
@ActiveProfiles("local")
class TokenIssuerTest extends GatewayTestSupport {

    static final Path DATA = issuerData("""
                    username,password,name,roles,community,home
                    li.xiulan,{noop}demo2026,李秀兰,RESIDENT,yuejiang,yuejiang/yuejiang-xincun/31/3/601
                    zhang.weimin,{noop}demo2026,张为民,RESIDENT,yuejiang,yuejiang/yuejiang-xincun/31/3/602
                    wang.jianguo,{bcrypt}$2a$10$7AHYMn6RrfKDdlTuwZ8XJOFgn5HNBLPtrqs7tH43Bq5efh9vh3.8S,王建国,COMMITTEE|STAFF,yuejiang,
                    """);

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        localIssuer(registry, DATA);
    }

    private java.net.http.HttpResponse<String> signIn(String username, String password) throws Exception {
        return send(request("/auth/token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")));
    }

    @Test
    void issuesATokenWithThePlatformsClaimsThatOpensTheRoutes() throws Exception {
        var response = signIn("li.xiulan", "demo2026");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body(response).get("expiresIn").asLong()).isEqualTo(3600);
        String token = body(response).get("accessToken").asString();

        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("li.xiulan");
        assertThat(claims.getStringClaim("name")).isEqualTo("李秀兰");
        assertThat(claims.getStringListClaim("roles")).containsExactly("RESIDENT");
        assertThat(claims.getStringClaim("community")).isEqualTo("yuejiang");
        assertThat(claims.getStringClaim("home")).isEqualTo("yuejiang/yuejiang-xincun/31/3/601");
        assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:8080");
        assertThat(claims.getAudience()).containsExactly("shangliang");

        assertThat(call("GET", "/api/topics", token).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/topics/t1/review", token).statusCode()).isEqualTo(403);
    }

    @Test
    void bcryptPasswordsAndSeveralRolesWork() throws Exception {
        var response = signIn("wang.jianguo", "committee-2026");
        assertThat(response.statusCode()).isEqualTo(200);
        String token = body(response).get("accessToken").asString();
        assertThat(call("POST", "/api/topics/t1/review", token).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/topics/t1/progress", token).statusCode()).isEqualTo(200);
    }

    /** A sign-in sent from another loopback address (127.0.0.2), as a second device would: the status code. */
    private int signInFrom(String localAddress, String username, String password) throws Exception {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(localAddress, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
            byte[] body = ("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var out = socket.getOutputStream();
            out.write(("POST /auth/token HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void wrongPasswordsSlowDownThatAddressButNeverLockTheOwnerOut() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("zhang.weimin", "guess-" + i).statusCode()).isEqualTo(401);
        }
        var backOff = signIn("zhang.weimin", "guess-5");
        assertThat(backOff.statusCode()).as("after five wrong passwords the guesser waits").isEqualTo(429);
        assertThat(backOff.headers().firstValue("Retry-After")).isPresent();
        assertThat(signInFrom("127.0.0.2", "zhang.weimin", "demo2026")).as("the owner on her own phone").isEqualTo(200);
        assertThat(signIn("li.xiulan", "demo2026").statusCode()).as("other users from the guessing address")
                .isEqualTo(200);
        Thread.sleep(1_100);
        assertThat(signIn("zhang.weimin", "guess-6").statusCode()).as("a second later one more try").isEqualTo(401);
        assertThat(signIn("zhang.weimin", "guess-7").statusCode()).as("then two seconds").isEqualTo(429);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSame401() throws Exception {
        var wrong = signIn("li.xiulan", "guess");
        var unknown = signIn("nobody", "guess");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(body(wrong).get("title")).isEqualTo(body(unknown).get("title"));
        assertThat(body(wrong).get("detail")).isEqualTo(body(unknown).get("detail"));
    }

    @Test
    void blankFieldsAre400WithEachFieldListed() throws Exception {
        var response = send(request("/auth/token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"\"}")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("username", "password");
    }

    @Test
    void theKeyIsKeptInTheDataFolderAndPublishedAsAJwkSet() throws Exception {
        assertThat(DATA.resolve("gateway/jwt-signing-key.json")).exists();
        var jwks = send(request("/.well-known/jwks.json"));
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(body(jwks).get("keys").get(0).get("kty").asString()).isEqualTo("RSA");
        assertThat(jwks.body()).doesNotContain("\"d\"");
    }
}
