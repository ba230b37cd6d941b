package org.shangliang.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.http.HeaderText;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** The firewall lets through exactly the header names and values Spring Security's strict firewall lets through. */
class HeaderTextTest {

    @Test
    void everyCodePointAloneIsJudgedAsSpringJudgesIt() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = new String(Character.toChars(codePoint));
            assertThat(HeaderText.allowedValue(text)).as("value U+%04X", codePoint)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text));
            assertThat(HeaderText.allowedName(text)).as("name U+%04X", codePoint)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text));
        }
    }

    @Test
    void wholeHeadersAreJudgedAsBothOfSpringsFirewallsJudgeThem() {
        for (String text : List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "zh-CN,zh;q=0.9,en;q=0.8", "a\tb", "a\nb",
                "a\rb", "x\u0000", "\u007f", "\u0085next line", "越江新村 31号楼", "emoji \uD83D\uDE00 pair",
                "lone \uD83D surrogate", "lone \uDE00 low", "unassigned \u0378", "tail\u009f")) {
            assertThat(HeaderText.allowedValue(text)).as(text).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text))
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(text));
            assertThat(HeaderText.allowedName(text)).as(text).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text))
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(text));
        }
        assertThat(HeaderText.allowedValue(null)).isTrue();
    }
}
