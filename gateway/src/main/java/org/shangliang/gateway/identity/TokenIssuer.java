package org.shangliang.gateway.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs RS256 access tokens with the platform's claims. */
public class TokenIssuer {

    private final SigningKey key;
    private final IssuerProperties properties;
    private final Clock clock;

    public TokenIssuer(SigningKey key, IssuerProperties properties, Clock clock) {
        this.key = key;
        this.properties = properties;
        this.clock = clock;
    }

    public String issue(Account account) {
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .subject(account.username())
                .issuer(properties.issuer())
                .audience(properties.audience())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.tokenLifetime())))
                .claim("name", account.name())
                .claim("roles", account.roles())
                .claim("community", account.community());
        if (account.home() != null) {
            claims.claim("home", account.home());
        }
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(key.privateJwk().getKeyID()).build(), claims.build());
            jwt.sign(new RSASSASigner(key.privateJwk()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing a token failed", e);
        }
    }

    public long lifetimeSeconds() {
        return properties.tokenLifetime().toSeconds();
    }
}
