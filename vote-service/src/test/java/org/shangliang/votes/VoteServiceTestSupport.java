package org.shangliang.votes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.meeting.BallotSpec;
import org.shangliang.contracts.meeting.MeetingConcluded;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.infra.SharedInfrastructure;
import org.shangliang.infra.TestTokens;
import org.shangliang.platform.testing.ApiClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shangliang.outbox.sweep-interval=500ms", "shangliang.votes.clock-interval=300ms",
        "shangliang.votes.turnout-kept=" + VoteServiceTestSupport.TURNOUT_KEPT_MILLIS + "ms",
        "shangliang.events.initial-back-off=50ms"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
public abstract class VoteServiceTestSupport {

    /** How old a ballot's live turnout may be in these tests (2 s in the service as shipped). */
    static final long TURNOUT_KEPT_MILLIS = 300;

    protected final TestTokens tokens = TestTokens.shared();

    /**
     * The ballot's live turnout (owners who voted) as a view shows it once the time it may be kept has
     * passed since the last vote: then it counts every vote taken before.
     */
    protected static int liveTurnout(ApiClient client, String ballotId) {
        try {
            Thread.sleep(TURNOUT_KEPT_MILLIS + 50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the turnout was kept", e);
        }
        return client.get("/api/ballots/" + ballotId).body().get("turnout").get("owners").asInt();
    }

    @LocalServerPort
    protected int port;

    /** A roll of 越江新村 31/3 (twelve flats; 王国华 holds 501 and 502) in a community of the test's own. */
    protected static String roll(String community) {
        String e = community + "/yuejiang-xincun/31/3/";
        return """
                flat,ownerId,ownerName,area,holder
                %1$s101,zhou.jianhua,周建华,66.20,周建华
                %1$s102,wu.meifang,吴美芳,61.46,吴美芳
                %1$s201,zheng.haibo,郑海波,66.20,郑海波
                %1$s202,sun.lihua,孙丽华,61.46,孙丽华
                %1$s301,zhao.lei,赵磊,66.20,赵磊
                %1$s302,chen.fang,陈芳,61.46,陈芳
                %1$s401,huang.zhiqiang,黄志强,66.20,黄志强
                %1$s402,xu.jing,徐静,61.46,徐静
                %1$s501,wang.guohua,王国华,66.20,王国华
                %1$s502,wang.guohua,王国华,61.46,王国华
                %1$s601,li.xiulan,李秀兰,66.20,李秀兰
                %1$s602,zhang.weimin,张为民,61.46,张为民
                """.formatted(e);
    }

    protected static String community() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected ApiClient staff(String community) {
        return new ApiClient(port, tokens.token("staff." + community, "钱芸", List.of("STAFF"), community, null));
    }

    protected ApiClient committee(String community) {
        return new ApiClient(port, tokens.token("committee." + community, "王建国", List.of("COMMITTEE"), community, null));
    }

    protected ApiClient owner(String community, String userId) {
        return new ApiClient(port, tokens.resident(userId, userId, community, community + "/yuejiang-xincun/31/3/101"));
    }

    protected void uploadRoll(String community, String csv) {
        var response = staff(community).send("PUT", "/api/rolls/" + community, null, csv);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    }

    protected static MeetingConcluded putToVote(String community, String meetingId, String topicId, String scope,
                                                BallotRule rule, Instant closesAt) {
        return new MeetingConcluded(meetingId, community, "31号楼加装电梯协商议事会", List.of(topicId),
                List.of(new Outcome(topicId, scope, Resolution.PUT_TO_VOTE, "按楼层分摊费用加装电梯", null,
                        new BallotSpec(rule, null, closesAt), null, "31号楼3单元加装电梯")), "committee", Instant.now());
    }
}
