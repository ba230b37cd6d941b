package org.shangliang.gateway.security;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The coarse role rules of each route (API.md's "who" column); the services check the fine ones
 * (the proposer, the electorate, the community) themselves.
 */
public final class RouteRoles {

    public record Rule(HttpMethod method, String path, List<String> roles) {
    }

    public static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, "/api/topics/*/supports", List.of("RESIDENT")),
            new Rule(HttpMethod.DELETE, "/api/topics/*/supports", List.of("RESIDENT")),
            new Rule(HttpMethod.POST, "/api/topics/*/review", List.of("COMMITTEE")),
            new Rule(HttpMethod.POST, "/api/topics/*/progress", List.of("STAFF")),
            new Rule(HttpMethod.POST, "/api/topics/*/completion", List.of("STAFF")),
            new Rule(HttpMethod.POST, "/api/topics/*/ratings", List.of("RESIDENT")),
            new Rule(HttpMethod.POST, "/api/topics/*/follow-ups", List.of("COMMITTEE", "STAFF")),
            new Rule(HttpMethod.GET, "/api/dashboard", List.of("COMMITTEE", "STAFF")),
            new Rule(HttpMethod.POST, "/api/meetings", List.of("COMMITTEE")),
            new Rule(HttpMethod.PUT, "/api/meetings/*/schedule", List.of("COMMITTEE")),
            new Rule(HttpMethod.POST, "/api/meetings/*/cancellation", List.of("COMMITTEE")),
            new Rule(HttpMethod.POST, "/api/meetings/*/minutes", List.of("COMMITTEE")),
            new Rule(HttpMethod.POST, "/api/meetings/*/conclusion", List.of("COMMITTEE")),
            new Rule(HttpMethod.POST, "/api/meetings/*/registrations", List.of("RESIDENT")),
            new Rule(HttpMethod.DELETE, "/api/meetings/*/registrations", List.of("RESIDENT")),
            new Rule(HttpMethod.PUT, "/api/rolls/*", List.of("STAFF")),
            new Rule(HttpMethod.GET, "/api/rolls/*", List.of("STAFF", "COMMITTEE")),
            new Rule(HttpMethod.GET, "/api/rolls/*/floors", List.of("STAFF", "COMMITTEE")),
            new Rule(HttpMethod.POST, "/api/ballots/*/offline-votes", List.of("COMMITTEE", "STAFF")),
            new Rule(HttpMethod.GET, "/api/ballots/*/offline-votes", List.of("COMMITTEE", "STAFF")),
            new Rule(HttpMethod.POST, "/api/ballots/*/contest-resolutions", List.of("COMMITTEE")),
            new Rule(HttpMethod.GET, "/api/ballots/*/electorate", List.of("COMMITTEE", "STAFF")),
            new Rule(HttpMethod.POST, "/api/ballots/*/extension", List.of("COMMITTEE", "STAFF")),
            new Rule(HttpMethod.POST, "/api/ballots/*/reminders", List.of("COMMITTEE", "STAFF")),
            new Rule(HttpMethod.POST, "/api/ballots/*/rerun", List.of("COMMITTEE")),
            new Rule(HttpMethod.GET, "/api/notifications/deliveries", List.of("STAFF")));

    private RouteRoles() {
    }

    private static final List<PathPattern> PATTERNS = RULES.stream()
            .map(r -> PathPatternParser.defaultInstance.parse(r.path())).toList();

    /** The roles the rule of this request allows (the first rule that matches, as the security chain applies them). */
    static Optional<List<String>> rolesFor(HttpMethod method, PathContainer path) {
        for (int i = 0; i < RULES.size(); i++) {
            if (RULES.get(i).method().equals(method) && PATTERNS.get(i).matches(path)) {
                return Optional.of(RULES.get(i).roles());
            }
        }
        return Optional.empty();
    }

    static void apply(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        for (Rule rule : RULES) {
            exchanges.pathMatchers(rule.method(), rule.path()).hasAnyRole(rule.roles().toArray(String[]::new));
        }
    }
}
