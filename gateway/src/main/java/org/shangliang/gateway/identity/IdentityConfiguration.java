package org.shangliang.gateway.identity;

import java.nio.file.Path;
import java.time.Clock;

import org.shangliang.gateway.limits.Buckets;
import org.shangliang.gateway.limits.LimitProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The built-in issuer, only where {@code shangliang.issuer.enabled=true} (the local profile). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "shangliang.issuer.enabled", havingValue = "true")
public class IdentityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

    @Bean
    public AccountDirectory accountDirectory(IssuerProperties properties) {
        if (properties.accounts() == null) {
            throw new IllegalStateException("shangliang.issuer.accounts (SHANGLIANG_ACCOUNTS) must name the accounts CSV");
        }
        AccountDirectory accounts = AccountDirectory.load(properties.accounts());
        log.info("Token issuer {}: {} accounts from {}", properties.issuer(), accounts.size(), properties.accounts());
        return accounts;
    }

    @Bean
    public SigningKey signingKey(IssuerProperties properties) {
        Path file = properties.keyFile() == null ? Path.of(".data", "gateway", "jwt-signing-key.json")
                : properties.keyFile();
        return SigningKey.loadOrCreate(file);
    }

    @Bean
    public TokenIssuer tokenIssuer(SigningKey key, IssuerProperties properties) {
        return new TokenIssuer(key, properties, Clock.systemUTC());
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    public SignInGuard signInGuard(LimitProperties limits) {
        return new SignInGuard(limits.loginPerUsername().intValue(),
                new Buckets(limits.loginPerAddress(), limits.loginPeriod()), Clock.systemUTC());
    }
}
