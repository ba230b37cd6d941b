package org.shangliang.topics.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.contracts.topic.FollowUpRecorded;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicFollowUpNeeded;
import org.shangliang.platform.domain.Rejection;

/** 回头看, without Spring: who may rate a result, when the committee and staff are asked to follow up. */
class SatisfactionRulesTest {

    private static final Instant T = Instant.parse("2026-12-20T02:00:00Z");
    private static final String SCOPE = "bachang/yijiaqiao-xincun/7";

    private static Topic completed() {
        Topic t = Topic.propose("t-7", "7号楼北侧增设晾衣架", "", TopicCategory.PUBLIC_FACILITY, SCOPE, "li.xiulan",
                "李秀兰", 1, T);
        t.review(true, null, "committee", T);
        t.meetingScheduled("m-1", "shangliang.meeting.scheduled.v1", T);
        t.meetingConcluded("m-1", new Outcome("t-7", SCOPE, Resolution.CONSENSUS, "增设晾衣架 12 组", null, null),
                "shangliang.meeting.concluded.v1", T);
        t.recordProgress(50, "已安装 6 组", "staff", T);
        t.complete("已安装 12 组", "staff", T);
        return t;
    }

    private static String home(int flat) {
        return SCOPE + "/1/" + flat;
    }

    @Test
    void onlyResidentsLivingInsideTheScopeRateTheResult() {
        Topic t = completed();
        assertThatThrownBy(() -> t.rate("outsider", "bachang/yijiaqiao-xincun/8/1/101", 1, "不是我们楼的", T))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.kind()).isEqualTo(Rejection.Kind.NOT_ALLOWED));
        assertThatThrownBy(() -> t.rate("neighbour", "bachang/yijiaqiao-xincun/70/1/101", 1, "楼号相近", T))
                .isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> t.rate("staff", null, 5, null, T)).isInstanceOf(Rejection.class);
        t.rate("zhao.lei", home(101), 4, "晾衣方便多了", T);
        assertThat(t.getRatingCount()).isEqualTo(1);
        assertThatThrownBy(() -> t.rate("zhao.lei", home(101), 5, null, T)).isInstanceOf(Rejection.class);
    }

    @Test
    void fiveRatingsAveragingUnderThreeAskForAFollowUpOnce() {
        Topic t = completed();
        int[] stars = {2, 3, 2, 1};
        for (int i = 0; i < stars.length; i++) {
            t.rate("r" + i, home(101 + i), stars[i], "晾衣架太矮", T);
        }
        assertThat(t.raisedEvents()).noneMatch(e -> e instanceof TopicFollowUpNeeded);
        t.rate("r4", home(201), 4, null, T);
        assertThat(t.raisedEvents()).filteredOn(e -> e instanceof TopicFollowUpNeeded).singleElement()
                .satisfies(e -> {
                    TopicFollowUpNeeded needed = (TopicFollowUpNeeded) e;
                    assertThat(needed.averageStars()).isEqualByComparingTo("2.40");
                    assertThat(needed.ratingCount()).isEqualTo(5);
                    assertThat(needed.title()).isEqualTo("7号楼北侧增设晾衣架");
                });
        t.rate("r5", home(202), 1, null, T);
        assertThat(t.raisedEvents()).filteredOn(e -> e instanceof TopicFollowUpNeeded).hasSize(1);
        assertThat(t.getFollowUpNeededAt()).isEqualTo(T);

        t.recordFollowUp("物业把晾衣架加高到 1.8 米", "qian.yun", T);
        assertThat(t.raisedEvents()).last().isInstanceOfSatisfying(FollowUpRecorded.class,
                f -> assertThat(f.note()).contains("1.8 米"));
        assertThat(t.getFollowUps()).hasSize(1);
    }

    @Test
    void satisfiedResidentsAskForNothingAndOnlyACompletedTopicIsFollowedUp() {
        Topic t = completed();
        for (int i = 0; i < 6; i++) {
            t.rate("r" + i, home(101 + i), i % 2 == 0 ? 3 : 4, null, T);
        }
        assertThat(t.raisedEvents()).noneMatch(e -> e instanceof TopicFollowUpNeeded);
        Topic open = Topic.propose("t-8", "充电棚", "", TopicCategory.EV_CHARGING, SCOPE, "li.xiulan", "李秀兰", 5, T);
        assertThatThrownBy(() -> open.recordFollowUp("还没实施", "qian.yun", T)).isInstanceOf(Rejection.class);
    }
}
