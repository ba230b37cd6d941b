package org.shangliang.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A username cannot forge a log line: what the gateway logs of it is one line, its control characters written out. */
class LogInjectionTest {

    @Test
    void aNewlineInAUsernameIsWrittenOutNotObeyed() {
        String forged = "li.xiulan\n2026-11-23T12:00:00Z  INFO --- signed in: wang.jianguo (COMMITTEE)";
        String logged = TokenController.printable(forged);
        assertThat(logged).doesNotContain("\n").doesNotContain("\r").startsWith("li.xiulan\\u000a2026");
        assertThat(TokenController.printable("李秀兰")).isEqualTo("李秀兰");
        assertThat(TokenController.printable("x".repeat(500))).hasSize(101).endsWith("…");
        assertThat(TokenController.printable(null)).isEmpty();
    }
}
