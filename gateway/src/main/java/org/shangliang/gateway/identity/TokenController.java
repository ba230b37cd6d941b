package org.shangliang.gateway.identity;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.shangliang.gateway.web.GatewayProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /auth/token} and {@code GET /.well-known/jwks.json} of the built-in issuer. A wrong
 * password and an unknown user get the same 401 after the same work (one bcrypt comparison each),
 * and wrong passwords slow down further tries of that username from that address ({@link SignInGuard}).
 */
@RestController
@ConditionalOnProperty(name = "shangliang.issuer.enabled", havingValue = "true")
public class TokenController {

    private static final Logger log = LoggerFactory.getLogger(TokenController.class);

    public record Credentials(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 256) String password) {
    }

    public record TokenResponse(String accessToken, String tokenType, long expiresIn) {
    }

    private final AccountDirectory accounts;
    private final TokenIssuer issuer;
    private final SigningKey key;
    private final PasswordEncoder passwords;
    private final SignInGuard guard;
    private final GatewayProblems problems;
    /** bcrypt of a random secret: compared when there is no bcrypt hash to compare, so every attempt costs the same. */
    private final String dummyBcrypt;

    public TokenController(AccountDirectory accounts, TokenIssuer issuer, SigningKey key, PasswordEncoder passwords,
                           SignInGuard guard, GatewayProblems problems) {
        this.accounts = accounts;
        this.issuer = issuer;
        this.key = key;
        this.passwords = passwords;
        this.guard = guard;
        this.problems = problems;
        this.dummyBcrypt = "{bcrypt}" + new BCryptPasswordEncoder().encode(UUID.randomUUID().toString());
    }

    @PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> token(@Valid @RequestBody Credentials credentials, ServerWebExchange exchange) {
        String address = Optional.ofNullable(exchange.getRequest().getRemoteAddress())
                .map(InetSocketAddress::getHostString).orElse("unknown");
        long wait = guard.waitSeconds(credentials.username(), address);
        if (wait > 0) {
            log.warn("Sign-in for {} from {} backs off for {} s after wrong passwords", printable(credentials.username()),
                    address, wait);
            return Mono.just(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(wait))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problems.problem(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                            "problem.login-limited.detail", wait)));
        }
        return Mono.fromCallable(() -> authenticate(credentials))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(account -> {
                    if (account.isPresent()) {
                        guard.succeeded(credentials.username(), address);
                    } else {
                        guard.failed(credentials.username(), address);
                    }
                })
                .map(account -> account
                        .<ResponseEntity<?>>map(a -> ResponseEntity.ok()
                                .header("Cache-Control", "no-store")
                                .body(new TokenResponse(issuer.issue(a), "Bearer", issuer.lifetimeSeconds())))
                        .orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                .body(problems.problem(exchange, HttpStatus.UNAUTHORIZED, "bad-credentials",
                                        "problem.bad-credentials.detail"))));
    }

    private Optional<Account> authenticate(Credentials credentials) {
        Optional<Account> account = accounts.find(credentials.username());
        String stored = account.map(Account::password).orElse(dummyBcrypt);
        boolean matches = passwords.matches(credentials.password(), stored);
        if (!stored.startsWith("{bcrypt}")) {
            passwords.matches(credentials.password(), dummyBcrypt);
        }
        return account.isPresent() && matches ? account : Optional.empty();
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public String jwks() {
        return key.publicJwkSet();
    }

    /**
     * User input as it may appear in a log line: control characters (a newline would forge a line)
     * written as {@code \\uXXXX}, at most 100 characters.
     */
    static String printable(String input) {
        if (input == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        input.codePoints().limit(100).forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return input.codePointCount(0, input.length()) > 100 ? out + "…" : out.toString();
    }
}
