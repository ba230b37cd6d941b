package org.shangliang.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.http.BearerHeader;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The platform reads a bearer header exactly as Spring Security's own reader does: the same token, or the same refusal. */
class BearerHeaderTest {

    private final BearerTokenResolver spring = new DefaultBearerTokenResolver();
    private final BearerTokenResolver ours = new SecurityAutoConfiguration().bearerTokenResolver();

    @Test
    void theHeadersOfEverydayRequestsAreReadAlike() {
        String token = "eyJraWQiOiJ0ZXN0In0.eyJzdWIiOiJsaS54aXVsYW4ifQ.c2lnbmF0dXJl-_~+/==";
        for (String header : List.of("Bearer " + token, "bearer " + token, "BEARER " + token, "Bearer a", "Bearer a=",
                "Bearer ==", "Bearer ", "Bearer", "Bearertoken", "Bearer  " + token, "Bearer " + token + " ",
                "Bearer " + token + "\n", "Bearer to=ken", "Bearer 令牌", "Basic bGkueGl1bGFuOmRlbW8yMDI2", "Digest x",
                "", " Bearer " + token, "Bearer\t" + token, "bEaReR " + token, "Bearer " + token + "=\u0000")) {
            assertThat(read(ours, header)).as(header).isEqualTo(read(spring, header));
        }
        assertThat(read(ours, "Bearer " + token)).isEqualTo(token);
        assertThat(read(ours, "Bearer a b")).isEqualTo("refused: Bearer token is malformed");
        assertThat(read(ours, null)).isEqualTo(read(spring, null)).isNull();
    }

    @Test
    void aHundredThousandHeadersMadeOfAwkwardCharactersAreReadAlike() {
        char[] alphabet = "Bbearer Rr-._~+/=aZ09 \t\n\u0130\u0131\u017f\u212a令%:;,\"".toCharArray();
        Random random = new Random(20261208);
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                header.append(alphabet[random.nextInt(alphabet.length)]);
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            assertThat(read(ours, header)).as(header).isEqualTo(read(spring, header));
        }
    }

    /** Spring's pre-check folds case as Unicode does, its expression as ASCII does: every character in every place of the scheme. */
    @Test
    void everyCharacterInEachPlaceOfTheSchemeIsReadAlike() {
        String header = "Bearer x";
        for (int place = 0; place <= 6; place++) {
            for (char c = 0; c < Character.MAX_VALUE; c++) {
                String changed = header.substring(0, place) + c + header.substring(place + 1);
                String expected = read(spring, changed);
                String actual = read(ours, changed);
                if (!java.util.Objects.equals(expected, actual)) {
                    assertThat(actual).as("U+%04X in place %d", (int) c, place).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void theSchemeIsRecognisedInAnyCaseOfItsAsciiLetters() {
        assertThat(BearerHeader.isBearer("BeArEr x")).isTrue();
        assertThat(BearerHeader.isBearer("Bearer")).isTrue();
        assertThat(BearerHeader.isBearer("Beare")).isFalse();
        assertThat(BearerHeader.isBearer(null)).isFalse();
    }

    /** The token, "refused" when the reader throws, or null when the header carries none. */
    private static String read(BearerTokenResolver resolver, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/topics");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        try {
            return resolver.resolve(request);
        } catch (OAuth2AuthenticationException refused) {
            return "refused: " + refused.getError().getDescription();
        }
    }
}
