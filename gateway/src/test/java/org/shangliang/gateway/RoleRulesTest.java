package org.shangliang.gateway;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.shangliang.gateway.security.RouteRoles;

/** The coarse role rule of every route: a role outside it is 403 at the gateway, a role inside reaches the service. */
class RoleRulesTest extends GatewayTestSupport {

    private static final List<String> ROLES = List.of("RESIDENT", "COMMITTEE", "STAFF");

    @Test
    void everyRuleLetsItsRolesThroughAndAnswers403ToTheOthers() throws Exception {
        for (RouteRoles.Rule rule : RouteRoles.RULES) {
            String path = rule.path().replace("*", "id-1");
            for (String role : ROLES) {
                var response = call(rule.method().name(), path, token(role));
                String what = rule.method() + " " + path + " as " + role;
                if (rule.roles().contains(role)) {
                    assertThat(response.statusCode()).as(what).isEqualTo(200);
                } else {
                    assertThat(response.statusCode()).as(what).isEqualTo(403);
                    assertThat(body(response).get("type").asString()).as(what).isEqualTo("urn:shangliang:problem:forbidden");
                    assertThat(body(response).get("requiredRoles").valueStream().map(JsonNode::asString).toList()).as(what)
                            .isEqualTo(rule.roles());
                }
            }
        }
    }

    @Test
    void aTrailingSlashDoesNotSlipPastARoleRule() throws Exception {
        var slash = call("POST", "/api/topics/t1/review/", token("RESIDENT"));
        assertThat(slash.statusCode()).isEqualTo(404);
        assertThat(body(slash).get("type").asString()).isEqualTo("urn:shangliang:problem:not-found");
        assertThat(TOPICS.count()).as("nothing reached topic-service").isZero();
    }

    @Test
    void a403NamesTheRoleNeededInTheCallersLanguage() throws Exception {
        var zh = call("POST", "/api/topics/t1/review", token("RESIDENT"));
        assertThat(body(zh).get("detail").asString()).isEqualTo("这项操作需要以下角色：居委会");
        var en = send(request("/api/ballots/b1/offline-votes").header("Authorization", "Bearer " + token("RESIDENT"))
                .header("Accept-Language", "en").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(body(en).get("detail").asString())
                .isEqualTo("This needs one of these roles: community committee, street or community staff");
    }

    @Test
    void everyServiceIsReachableThroughItsRoutes() throws Exception {
        assertThat(call("GET", "/api/topics/t1/timeline", token("RESIDENT")).statusCode()).isEqualTo(200);
        assertThat(TOPICS.last().path()).isEqualTo("/api/topics/t1/timeline");
        assertThat(call("GET", "/api/meetings/m1/calendar.ics", token("RESIDENT")).statusCode()).isEqualTo(200);
        assertThat(MEETINGS.last().path()).isEqualTo("/api/meetings/m1/calendar.ics");
        assertThat(call("POST", "/api/ballots/b1/votes", token("RESIDENT")).statusCode()).isEqualTo(200);
        assertThat(VOTES.last().path()).isEqualTo("/api/ballots/b1/votes");
        assertThat(call("GET", "/api/notification-preferences", token("STAFF")).statusCode()).isEqualTo(200);
        assertThat(NOTIFICATIONS.last().path()).isEqualTo("/api/notification-preferences");
        assertThat(call("GET", "/api/somewhere-else", token("STAFF")).statusCode()).isEqualTo(404);
    }
}
