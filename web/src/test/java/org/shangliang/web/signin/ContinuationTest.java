package org.shangliang.web.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** After signing in a person comes back to the page they were on, with what they typed; never elsewhere. */
class ContinuationTest {

    @Test
    void onlyPathsOfThisSiteAreAcceptedAsPlacesToReturnTo() {
        assertThat(Continuation.safe("/topics/new")).isEqualTo("/topics/new");
        assertThat(Continuation.safe("/ballots/b1?voted")).isEqualTo("/ballots/b1?voted");
        assertThat(Continuation.safe("https://evil.example/")).isNull();
        assertThat(Continuation.safe("//evil.example/")).isNull();
        assertThat(Continuation.safe("/\\evil.example")).isNull();
        assertThat(Continuation.safe("/login?error")).isNull();
        assertThat(Continuation.safe(null)).isNull();
    }

    @Test
    void aSubmittedFormIsKeptForItsPageWithoutTokensOrPasswordsAndHandedBackOnce() {
        var post = new MockHttpServletRequest("POST", "/topics");
        post.setParameters(Map.of("title", "31号楼加装电梯", "description", "六楼老人下不了楼", "_csrf", "secret",
                "_once", "token", "password", "pw", "_page", "/topics/new"));
        Continuation.remember(post);
        assertThat(Continuation.takePage(post.getSession())).isEqualTo("/topics/new");
        assertThat(Continuation.takePage(post.getSession())).as("once").isEqualTo("/");

        var page = new MockHttpServletRequest("GET", "/topics/new");
        page.setSession(post.getSession());
        assertThat(Continuation.takeDraft(page)).containsExactlyInAnyOrderEntriesOf(
                Map.of("title", "31号楼加装电梯", "description", "六楼老人下不了楼"));
        assertThat(Continuation.takeDraft(page)).as("once").isEmpty();
    }

    @Test
    void aPageAskedForBeforeSigningInIsWhereSigningInLeads() {
        var get = new MockHttpServletRequest("GET", "/ballots/b1");
        get.setQueryString("from=wechat");
        Continuation.remember(get);
        assertThat(Continuation.takePage(get.getSession())).isEqualTo("/ballots/b1?from=wechat");
    }
}
