package org.shangliang.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import reactor.core.publisher.Mono;

/** The gateway reads a bearer header exactly as Spring Security's own converter does: the same token, or the same refusal. */
class BearerTokenConverterTest {

    private final ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

    @Test
    void everyHeaderIsReadAsSpringReadsIt() {
        String token = "eyJraWQiOiJ0ZXN0In0.eyJzdWIiOiJsaS54aXVsYW4ifQ.c2lnbmF0dXJl-_~+/==";
        List<String> headers = new ArrayList<>(List.of("Bearer " + token, "bearer " + token, "BEARER " + token, "Bearer ",
                "Bearer", "Bearerx", "Bearer  " + token, "Bearer " + token + " ", "Bearer to=ken", "Bearer 令牌",
                "Basic bGkueGl1bGFuOmRlbW8yMDI2", "", "Bearer\t" + token));
        for (char c = 0; c < 0x3000; c++) {
            headers.add("Bearer " + token.substring(0, 20) + c);
            headers.add("B" + c + "arer x");
        }
        for (String header : headers) {
            assertThat(read(GatewaySecurityConfiguration::bearerToken, header)).as(header)
                    .isEqualTo(read(spring::convert, header));
        }
        assertThat(read(GatewaySecurityConfiguration::bearerToken, "Bearer " + token)).isEqualTo(token);
        assertThat(read(GatewaySecurityConfiguration::bearerToken, null)).isEqualTo(read(spring::convert, null)).isNull();
    }

    private interface Converter {
        Mono<Authentication> convert(MockServerWebExchange exchange);
    }

    /** The token, "refused: ..." when the converter fails, or null when the header carries none. */
    private static String read(Converter converter, String header) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/topics");
        if (header != null) {
            request.header("Authorization", header);
        }
        try {
            Authentication authentication = converter.convert(MockServerWebExchange.from(request)).block();
            return authentication == null ? null : ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (OAuth2AuthenticationException refused) {
            return "refused: " + refused.getError().getDescription();
        }
    }
}
