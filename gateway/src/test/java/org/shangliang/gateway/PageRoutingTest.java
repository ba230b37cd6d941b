package org.shangliang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The pages: every path outside the API, sign-in, API docs and the gateway's own endpoints reaches
 * the web module, with the browser's cookies and form bodies, and without a token; the API's paths
 * never do. Pages have their own per-address allowance, so a community office full of residents is
 * not limited by the (small) allowance for API calls without a token.
 */
@TestPropertySource(properties = {"shangliang.gateway.limits.per-address=4"})
class PageRoutingTest extends GatewayTestSupport {

    @Test
    void pagesReachTheWebModuleWithCookiesAndFormsAndNoToken() throws Exception {
        var page = send(request("/topics/abc?done=supported").header("Cookie", "SHANGLIANG_SESSION=s1"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(WEB.last().path()).isEqualTo("/topics/abc?done=supported");
        assertThat(WEB.last().headers().get("Cookie")).containsExactly("SHANGLIANG_SESSION=s1");
        assertThat(WEB.last().headers()).containsKey("X-request-id");

        var form = send(request("/topics/abc/supports").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=t&_once=o")));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(WEB.last().method()).isEqualTo("POST");
        assertThat(WEB.last().body()).isEqualTo("_csrf=t&_once=o");

        send(request("/"));
        assertThat(WEB.last().path()).isEqualTo("/");
    }

    @Test
    void theApiAndTheGatewaysOwnPathsNeverReachTheWebModule() throws Exception {
        assertThat(send(request("/api/nowhere")).statusCode()).isEqualTo(401);
        var unknown = send(request("/api/nowhere").header("Authorization", "Bearer " + token("RESIDENT")));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(body(unknown).get("type").asString()).isEqualTo("urn:shangliang:problem:not-found");
        assertThat(body(unknown).get("detail").asString()).startsWith("没有这个接口：/api/nowhere");
        var english = send(request("/api/nowhere").header("Authorization", "Bearer " + token("RESIDENT"))
                .header("Accept-Language", "en"));
        assertThat(body(english).get("title").asString()).isEqualTo("Not found");
        assertThat(send(request("/actuator/env")).statusCode()).isIn(401, 403, 404);
        assertThat(send(request("/auth/other")).statusCode()).isIn(401, 403, 404);
        assertThat(WEB.received).isEmpty();
    }

    @Test
    void pagesAreNotLimitedByTheAllowanceForApiCallsWithoutAToken() throws Exception {
        for (int i = 0; i < 12; i++) {
            assertThat(send(request("/assets/site.css")).statusCode()).isEqualTo(200);
        }
        assertThat(WEB.received).hasSize(12);
    }
}
