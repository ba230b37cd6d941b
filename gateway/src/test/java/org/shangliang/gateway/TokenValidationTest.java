package org.shangliang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

/** API.md: 401 for missing, invalid or expired tokens, as Problem Details, before anything is routed. */
class TokenValidationTest extends GatewayTestSupport {

    private JWTClaimsSet.Builder valid() {
        return tokens.claims("li.xiulan", "李秀兰", List.of("RESIDENT"), "yuejiang", "yuejiang/yuejiang-xincun/31/3/601",
                Instant.now(), Duration.ofHours(1));
    }

    @Test
    void aValidTokenIsRoutedToTheService() throws Exception {
        var response = call("GET", "/api/topics?status=PROPOSED", tokens.sign(valid().build()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TOPICS.last().path()).isEqualTo("/api/topics?status=PROPOSED");
        assertThat(TOPICS.last().header("Authorization")).startsWith("Bearer ");
    }

    @Test
    void everyKindOfBadTokenIs401AndNeverReachesAService() throws Exception {
        var otherKey = KeyPairGenerator.getInstance("RSA");
        otherKey.initialize(2048);
        var forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test-key").build(), valid().build());
        forged.sign(new RSASSASigner((RSAPrivateKey) otherKey.generateKeyPair().getPrivate()));
        var hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), valid().build());
        hmac.sign(new MACSigner("a-shared-secret-that-is-long-enough-for-hs256!!"));

        Map<String, String> bad = Map.of(
                "missing", "",
                "garbage", "not.a.jwt",
                "expired", tokens.sign(tokens.claims("li.xiulan", "李秀兰", List.of("RESIDENT"), "yuejiang", null,
                        Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)).build()),
                "not yet valid", tokens.sign(valid().notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                        .build()),
                "wrongly signed", forged.serialize(),
                "alg none", new PlainJWT(valid().build()).serialize(),
                "hmac", hmac.serialize(),
                "wrong issuer", tokens.sign(valid().issuer("https://evil.example").build()),
                "wrong audience", tokens.sign(valid().audience("another-app").build()),
                "no expiry", tokens.sign(valid().expirationTime(null).build()));
        for (var entry : bad.entrySet()) {
            var builder = request("/api/topics");
            if (!entry.getValue().isEmpty()) {
                builder.header("Authorization", "Bearer " + entry.getValue());
            }
            var response = send(builder);
            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).as(entry.getKey()).get().asString()
                    .startsWith("application/problem+json");
            assertThat(body(response).get("title").asString()).as(entry.getKey()).isEqualTo("未登录或登录已失效");
        }
        assertThat(TOPICS.received).isEmpty();
    }

    @Test
    void problemTitlesAreEnglishOnRequest() throws Exception {
        var response = send(request("/api/meetings").header("Accept-Language", "en"));
        assertThat(body(response).get("title").asString()).isEqualTo("Not signed in");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
}
