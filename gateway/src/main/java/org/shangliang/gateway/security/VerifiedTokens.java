package org.shangliang.gateway.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Checks a token's RS256 signature once and remembers the verified token for a few minutes, while its
 * lifetime, issuer, audience and subject are checked on every request. A resident's page or app sends the
 * same token with every call, and the signature check (RSA with a 2048-bit key) was the largest single
 * cost of a request through the gateway.
 *
 * <p>Only tokens whose signature verified are remembered, keyed by the whole token (its signature
 * included), so no other token can match one. An expired token is refused as before: the lifetime is
 * checked on each use, not when it was remembered. With an external issuer whose keys rotate, a token
 * signed by a key just withdrawn from its JWK set stays accepted until it leaves this memory
 * ({@link #REMEMBERED_FOR} at most), as it would have been seconds before the withdrawal.
 */
public final class VerifiedTokens implements ReactiveJwtDecoder {

    static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);
    private static final int REMEMBERED_AT_MOST = 4_096;

    private final ReactiveJwtDecoder signatureCheck;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder().maximumSize(REMEMBERED_AT_MOST)
            .expireAfterWrite(REMEMBERED_FOR).build();

    /**
     * @param signatureCheck decodes a token and verifies its signature, validating nothing else
     * @param validator      what every use of a token is checked against (lifetime, issuer, audience...)
     */
    public VerifiedTokens(ReactiveJwtDecoder signatureCheck, OAuth2TokenValidator<Jwt> validator) {
        this.signatureCheck = signatureCheck;
        this.validator = validator;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return validated(known);
        }
        return signatureCheck.decode(token).flatMap(jwt -> {
            verified.put(token, jwt);
            return validated(jwt);
        });
    }

    private Mono<Jwt> validated(Jwt jwt) {
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            String description = result.getErrors().stream().map(OAuth2Error::getDescription)
                    .filter(d -> d != null && !d.isEmpty()).findFirst().orElse("Unable to validate Jwt");
            return Mono.error(new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: " + description, result.getErrors()));
        }
        return Mono.just(jwt);
    }
}
