package org.shangliang.votes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.platform.testing.ApiClient;
import org.shangliang.platform.testing.Streams;

/**
 * A grid worker's tablet retries entering a paper vote after a lost answer: with the same Idempotency-Key
 * it gets the same receipt back, and the owner has one vote (issue 13).
 */
class RetriedVotesTest extends VoteServiceTestSupport {

    @Test
    void aRetriedOfflineVoteGivesTheSameReceiptAndOneVote() {
        String c = community();
        String topicId = "t-" + UUID.randomUUID();
        uploadRoll(c, roll(c));
        Streams.publish(putToVote(c, "m-" + topicId, topicId, c + "/yuejiang-xincun/31/3", BallotRule.CIVIL_CODE_MAJOR,
                Instant.now().plus(Duration.ofMinutes(10))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committee(c)
                .get("/api/ballots?topicId=" + topicId).body().get("items").path(0).path("status").asString("")).isEqualTo("OPEN"));
        String ballotId = committee(c).get("/api/ballots?topicId=" + topicId).body().get("items").get(0).get("id").asString();

        ApiClient tablet = committee(c).withIdempotencyKey(UUID.randomUUID().toString());
        String paper = """
                {"ownerId": "li.xiulan", "choice": "AGAINST", "channel": "PAPER", "evidence": "纸质表决票 No.031-601"}""";
        var first = tablet.post("/api/ballots/" + ballotId + "/offline-votes", paper);
        var retried = tablet.post("/api/ballots/" + ballotId + "/offline-votes", paper);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retried.status()).as("the first answer, not 'voted already'").isEqualTo(201);
        assertThat(retried.text("receipt")).isEqualTo(first.text("receipt"));
        assertThat(liveTurnout(committee(c), ballotId)).isEqualTo(1);
        assertThat(committee(c).post("/api/ballots/" + ballotId + "/offline-votes", paper).status())
                .as("without the key, entering it again is still refused").isEqualTo(409);

        ApiClient phone = owner(c, "zhang.weimin").withIdempotencyKey(UUID.randomUUID().toString());
        var vote = phone.post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}");
        assertThat(phone.post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}").text("receipt"))
                .isEqualTo(vote.text("receipt"));
        assertThat(liveTurnout(committee(c), ballotId)).isEqualTo(2);
    }
}
