package org.shangliang.notifications.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shangliang.platform.domain.Rejection;

/** The rules of confirming an e-mail address, without Spring or a store. */
class EmailVerificationTest {

    private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");

    private static Preferences withAddress(String address, String code, Instant at) {
        return Preferences.defaults("li.xiulan").changed("yuejiang", List.of("RESIDENT"), address, "zh-CN", true, true,
                List.of(), code, at);
    }

    private static Preferences change(Preferences p, String address, String code, Instant at) {
        return p.changed(p.community(), p.roles(), address, p.language(), p.inApp(), p.emailOn(), p.mutedCategories(), code, at);
    }

    private static Rejection rejected(Runnable action) {
        try {
            action.run();
        } catch (Rejection r) {
            return r;
        }
        throw new AssertionError("not rejected");
    }

    @Test
    void aNewAddressIsNotMailedUntilItsCodeIsEntered() {
        Preferences p = withAddress("li.xiulan@yuejiang.example", "123456", NOW);
        assertThat(p.awaitsCode()).isTrue();
        assertThat(p.emailVerified()).isFalse();
        assertThat(p.wantsEmail("BALLOT_OPENED")).as("nothing but the code goes to an unconfirmed address").isFalse();
        assertThat(p.verification().codeHash()).as("only the hash is kept").doesNotContain("123456");

        Preferences confirmed = p.confirmed("123456", NOW.plusSeconds(60), 1);
        assertThat(confirmed.emailVerified()).isTrue();
        assertThat(confirmed.wantsEmail("BALLOT_OPENED")).isTrue();
        assertThat(confirmed.awaitsCode()).isFalse();
        assertThat(rejected(() -> confirmed.confirmed("123456", NOW.plusSeconds(90), 1)).key()).isEqualTo("email.verification.done");
    }

    @Test
    void aWrongCodeSaysHowManyTriesAreLeftAndTheSixthTryIsRefusedEvenWithTheRightCode() {
        Preferences p = withAddress("li.xiulan@yuejiang.example", "123456", NOW);
        Rejection wrong = rejected(() -> p.confirmed("654321", NOW.plusSeconds(5), 1));
        assertThat(wrong.kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(wrong.properties()).containsEntry("attemptsLeft", 4).containsEntry("field", "code");
        assertThat(rejected(() -> p.confirmed("654321", NOW.plusSeconds(5), 5)).key()).isEqualTo("email.verification.exhausted");
        assertThat(rejected(() -> p.confirmed("123456", NOW.plusSeconds(5), 6)).key())
                .as("guessing in parallel gains nothing: the store counts every try").isEqualTo("email.verification.exhausted");
    }

    @Test
    void aCodeHoldsForADay() {
        Preferences p = withAddress("li.xiulan@yuejiang.example", "123456", NOW);
        assertThat(rejected(() -> p.confirmed("123456", NOW.plus(Duration.ofHours(24)), 1)).key())
                .isEqualTo("email.verification.expired");
        assertThat(p.confirmed("123456", NOW.plus(Duration.ofHours(23)), 1).emailVerified()).isTrue();
    }

    @Test
    void theSameAddressKeepsItsConfirmationAndAnotherNeedsANewCode() {
        Preferences confirmed = withAddress("li.xiulan@yuejiang.example", "123456", NOW).confirmed("123456", NOW, 1);
        Preferences sameAgain = change(confirmed, "Li.Xiulan@yuejiang.example", "999999", NOW.plusSeconds(10));
        assertThat(sameAgain.emailVerified()).as("saving other settings keeps the confirmation").isTrue();

        Preferences other = change(confirmed, "xiulan.li@example.cn", "222222", NOW.plusSeconds(20));
        assertThat(other.emailVerified()).isFalse();
        assertThat(other.awaitsCode()).isTrue();
        assertThat(rejected(() -> other.confirmed("123456", NOW.plusSeconds(30), 1)).kind())
                .as("the old address's code does not confirm the new one").isEqualTo(Rejection.Kind.INVALID);
        assertThat(other.confirmed("222222", NOW.plusSeconds(30), 1).emailVerified()).isTrue();

        assertThat(change(other, null, "333333", NOW.plusSeconds(40)).wantsEmail("BALLOT_OPENED")).isFalse();
    }

    @Test
    void newCodesWaitAMinuteAndStopAfterFiveADaySoNobodyFloodsAnothersMailbox() {
        Preferences p = withAddress("li.xiulan@yuejiang.example", "100000", NOW);
        assertThat(rejected(() -> p.withNewCode("100001", NOW.plusSeconds(30))).key()).isEqualTo("email.verification.too-soon");
        Preferences second = p.withNewCode("100001", NOW.plusSeconds(61));
        assertThat(rejected(() -> second.confirmed("100000", NOW.plusSeconds(70), 1)).kind())
                .as("a new code replaces the old").isEqualTo(Rejection.Kind.INVALID);

        Preferences q = second;
        Instant at = NOW.plusSeconds(61);
        for (int i = 2; i < EmailVerification.MAX_CODES_PER_DAY; i++) {
            at = at.plusSeconds(61);
            q = q.withNewCode("10000" + i, at);
        }
        Preferences fifth = q;
        Instant later = at.plusSeconds(61);
        assertThat(fifth.verification().codesSent()).isEqualTo(5);
        assertThat(rejected(() -> fifth.withNewCode("100009", later)).key()).isEqualTo("email.verification.too-many");
        assertThat(rejected(() -> change(fifth, "someone.else@example.cn", "100010", later)).key())
                .as("changing the address does not escape the day's limit").isEqualTo("email.verification.too-many");
        assertThat(fifth.verification().nextCodeAt()).isEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThat(fifth.withNewCode("100011", NOW.plus(Duration.ofDays(1))).verification().codesSent())
                .as("a new day, a new allowance").isEqualTo(1);
        assertThat(change(p, "corrected@example.cn", "100012", NOW.plusSeconds(5)).awaitsCode())
                .as("a corrected address gets its code at once").isTrue();
    }

    @Test
    void thereIsNothingToConfirmWithoutAnAddress() {
        Preferences none = Preferences.defaults("li.xiulan");
        assertThat(rejected(() -> none.withNewCode("123456", NOW)).key()).isEqualTo("email.verification.nothing-to-verify");
        assertThatThrownBy(() -> none.confirmed("123456", NOW, 0)).isInstanceOf(Rejection.class);
    }
}
