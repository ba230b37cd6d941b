package org.shangliang.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** A service remembers verified signatures, never a token's validity: without Spring, with a real RSA key. */
class VerifiedTokensTest {

    private final RSAKey key = generate();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T02:00:00Z"));
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final VerifiedTokens tokens;

    VerifiedTokensTest() throws Exception {
        var nimbus = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
        nimbus.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        JwtDecoder counting = token -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        };
        var lifetime = new JwtTimestampValidator(Duration.ZERO);
        lifetime.setClock(new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        });
        tokens = new VerifiedTokens(counting, lifetime);
    }

    @Test
    void aResidentsTokenIsVerifiedOnceAndAcceptedOnEveryCall() throws Exception {
        String token = token("li.xiulan", now.get().plusSeconds(3600));

        for (int call = 0; call < 5; call++) {
            assertThat(tokens.decode(token).getSubject()).isEqualTo("li.xiulan");
        }
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void aTokenIsRefusedOnceItExpiresAlthoughItsSignatureWasVerifiedBefore() throws Exception {
        String token = token("zhao.lei", now.get().plusSeconds(60));
        assertThat(tokens.decode(token).getSubject()).isEqualTo("zhao.lei");

        now.set(now.get().plusSeconds(120));

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenWithAChangedPayloadIsRefusedEveryTimeAndNeverRemembered() throws Exception {
        String[] parts = token("chen.fang", now.get().plusSeconds(3600)).split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("chen.fang", "wang.jianguo").getBytes());
        String forged = parts[0] + "." + forgedPayload + "." + parts[2];

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        }
        assertThat(signatureChecks).hasValue(2);
    }

    private String token(String subject, Instant expires) throws Exception {
        var claims = new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(now.get()))
                .expirationTime(Date.from(expires)).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("test").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
