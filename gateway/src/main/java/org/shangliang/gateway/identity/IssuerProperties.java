package org.shangliang.gateway.identity;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The built-in token issuer of the local stack (off unless the {@code local} profile turns it on).
 *
 * @param enabled       whether {@code POST /auth/token} and the JWK set are served
 * @param issuer        the {@code iss} claim; tokens of any other issuer are refused
 * @param audience      the {@code aud} claim every service expects
 * @param tokenLifetime how long a token is valid (one hour)
 * @param accounts      the accounts CSV ({@code username,password,name,roles,community,home})
 * @param keyFile       where the RSA key pair is kept, generated on first start
 */
@ConfigurationProperties("shangliang.issuer")
public record IssuerProperties(boolean enabled, String issuer, String audience, Duration tokenLifetime,
                               Path accounts, Path keyFile) {

    public IssuerProperties {
        issuer = issuer == null ? "http://127.0.0.1:8080" : issuer;
        audience = audience == null ? "shangliang" : audience;
        tokenLifetime = tokenLifetime == null ? Duration.ofHours(1) : tokenLifetime;
    }
}
