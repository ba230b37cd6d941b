package org.shangliang.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs RS256 tokens with the claims the platform expects, for tests, and publishes its public key
 * as a JWK set over HTTP on 127.0.0.1, so services under test validate tokens exactly as in
 * production: by fetching the issuer's JWK set ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}).
 */
public final class TestTokens {

    public static final String ISSUER = "http://127.0.0.1:8080";
    public static final String AUDIENCE = "shangliang";
    static final String KEY_ID = "test-key";

    private static TestTokens shared;

    private final RSAPrivateKey privateKey;
    private final HttpServer jwksServer;

    private TestTokens() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            privateKey = (RSAPrivateKey) pair.getPrivate();
            byte[] jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(KEY_ID)
                    .algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build()).toString()
                    .getBytes(StandardCharsets.UTF_8);
            jwksServer = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, 0), 0);
            jwksServer.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            jwksServer.start();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One key for the whole test JVM, like one issuer for the whole platform. */
    public static synchronized TestTokens shared() {
        if (shared == null) {
            shared = new TestTokens();
        }
        return shared;
    }

    /** Where the public key is served, for {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}. */
    public String jwkSetUri() {
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public String resident(String userId, String name, String community, String home) {
        return token(userId, name, List.of("RESIDENT"), community, home);
    }

    public String token(String userId, String name, List<String> roles, String community, String home) {
        return sign(claims(userId, name, roles, community, home, Instant.now(), Duration.ofHours(1)).build());
    }

    /** Claims of a valid token, to be altered by tests of invalid ones. */
    public JWTClaimsSet.Builder claims(String userId, String name, List<String> roles, String community, String home,
                                       Instant issuedAt, Duration lifetime) {
        var builder = new JWTClaimsSet.Builder()
                .subject(userId)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .claim("name", name)
                .claim("roles", roles)
                .claim("community", community);
        if (home != null) {
            builder.claim("home", home);
        }
        return builder;
    }

    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
            jwt.sign(new RSASSASigner(privateKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
