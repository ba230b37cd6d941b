package org.shangliang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

import reactor.core.publisher.Mono;

/**
 * The gateway holds no state per caller: a bearer token is the whole identity, so no request opens a web session.
 * Spring Security's default request cache looked in one on every request: a new session with a random id, made on
 * a second thread, and the rest of the request handed to a third.
 */
class StatelessGatewayTest extends GatewayTestSupport {

    static final AtomicInteger SESSIONS_OPENED = new AtomicInteger();

    @TestConfiguration(proxyBeanMethods = false)
    static class CountingSessions {

        @Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
        WebSessionManager webSessionManager() {
            var sessions = new DefaultWebSessionManager();
            return new WebSessionManager() {
                @Override
                public Mono<WebSession> getSession(ServerWebExchange exchange) {
                    // every exchange asks for its session Mono up front; a session is opened when someone subscribes
                    return Mono.defer(() -> {
                        SESSIONS_OPENED.incrementAndGet();
                        return sessions.getSession(exchange);
                    });
                }
            };
        }
    }

    @Test
    void routedCallsRefusalsAndProbesOpenNoSession() throws Exception {
        SESSIONS_OPENED.set(0);
        assertThat(call("GET", "/api/topics", token("RESIDENT")).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/topics", token("RESIDENT")).statusCode()).isLessThan(500);
        assertThat(call("GET", "/api/topics", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/rolls/yuejiang", token("RESIDENT")).statusCode()).isEqualTo(403);
        assertThat(send(request("/readyz")).statusCode()).isEqualTo(200);

        assertThat(SESSIONS_OPENED.get()).as("web sessions opened").isZero();
    }
}
