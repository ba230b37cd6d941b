package org.shangliang.platform.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A service checks a token's RS256 signature once and remembers the verified token for a few minutes, while
 * its lifetime, issuer, audience and subject are checked on every request: the signature check (RSA with a
 * 2048-bit key) was a ninth of the CPU a read of one topic cost topic-service (profiled, docs/benchmarks.md),
 * and a resident's page sends the same token with every call. The gateway does the same in its reactive
 * chain ({@code gateway/…/security/VerifiedTokens}).
 *
 * <p>Only tokens whose signature verified are remembered, keyed by the whole token (its signature included),
 * so no other token can match one. An expired token is refused as before: the lifetime is checked on each
 * use. A token signed by a key just withdrawn from the issuer's JWK set stays accepted until it leaves this
 * memory ({@link #REMEMBERED_FOR} at most), as it would have been seconds before the withdrawal.
 */
public final class VerifiedTokens implements JwtDecoder {

    static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);
    private static final int REMEMBERED_AT_MOST = 4_096;

    private final JwtDecoder signatureCheck;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder().maximumSize(REMEMBERED_AT_MOST)
            .expireAfterWrite(REMEMBERED_FOR).build();

    /**
     * @param signatureCheck decodes a token and verifies its signature, validating nothing else
     * @param validator      what every use of a token is checked against (lifetime, issuer, audience...)
     */
    public VerifiedTokens(JwtDecoder signatureCheck, OAuth2TokenValidator<Jwt> validator) {
        this.signatureCheck = signatureCheck;
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) {
        // a page's calls in parallel with a new token verify it once; a token that does not verify is not kept
        Jwt jwt = verified.get(token, signatureCheck::decode);
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
                    + firstDescription(result), result.getErrors());
        }
        return jwt;
    }

    /** The first error that says something, as Spring's own decoder words it. */
    static String firstDescription(OAuth2TokenValidatorResult result) {
        return result.getErrors().stream().map(OAuth2Error::getDescription).filter(d -> d != null && !d.isEmpty())
                .findFirst().orElse("Unable to validate Jwt");
    }
}
