package org.shangliang.topics.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicSupportWithdrawn;
import org.shangliang.contracts.topic.TopicSupported;
import org.shangliang.contracts.topic.TopicThresholdReached;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.platform.membership.MemberChanges.Change;

/**
 * Supports (联名), without Spring: who may support, the count, the threshold announced once, and the
 * changes a topic keeps until they are written as the residents' own documents.
 */
class SupportRulesTest {

    private static final Instant T = Instant.parse("2026-12-07T01:00:00Z");

    private static Topic proposed(int threshold) {
        return Topic.propose("t-31", "越江新村31号楼充电车棚", "", TopicCategory.PUBLIC_FACILITY, "yuejiang/yuejiang-xincun/31",
                "li.xiulan", "李秀兰", threshold, T);
    }

    private static String key(Throwable e) {
        return ((Rejection) e).key();
    }

    @Test
    void theProposerIsTheFirstSupporterAndEachSupportIsAChangeNumberedInOrder() {
        Topic t = proposed(10);
        t.support("zhang.weimin", false, T);
        t.support("zhao.lei", false, T);

        assertThat(t.getSupportCount()).isEqualTo(3);
        assertThat(t.supportChanges().pending()).extracting(Change::seq, Change::memberId, Change::member)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "li.xiulan", true),
                        org.assertj.core.groups.Tuple.tuple(2L, "zhang.weimin", true),
                        org.assertj.core.groups.Tuple.tuple(3L, "zhao.lei", true));
        assertThat(t.raisedEvents()).filteredOn(TopicSupported.class::isInstance)
                .extracting(e -> ((TopicSupported) e).supportCount()).containsExactly(2, 3);
    }

    @Test
    void aStoredSupportAndAChangeNotYetStoredBothCountAsSupporting() {
        Topic t = proposed(10);
        assertThatThrownBy(() -> t.support("zhang.weimin", true, T)).satisfies(e ->
                assertThat(key(e)).isEqualTo("topic.already-supported"));
        t.support("zhao.lei", false, T);
        assertThatThrownBy(() -> t.support("zhao.lei", false, T)).satisfies(e ->
                assertThat(key(e)).isEqualTo("topic.already-supported"));
        assertThat(t.getSupportCount()).isEqualTo(2);
    }

    @Test
    void theNewestChangeOverrulesTheStoredDocument() {
        Topic t = proposed(10);
        // stored as supporting, withdrawn since: the resident may support again
        t.withdrawSupport("zhang.weimin", true, T);
        assertThat(t.supports("zhang.weimin", true)).isFalse();
        t.support("zhang.weimin", true, T);
        assertThat(t.supports("zhang.weimin", false)).isTrue();
        assertThat(t.raisedEvents()).filteredOn(TopicSupportWithdrawn.class::isInstance).hasSize(1);
        assertThatThrownBy(() -> t.withdrawSupport("zhao.lei", false, T)).satisfies(e ->
                assertThat(key(e)).isEqualTo("topic.not-supported"));
        assertThatThrownBy(() -> t.withdrawSupport("li.xiulan", true, T)).satisfies(e ->
                assertThat(key(e)).isEqualTo("topic.proposer-support"));
    }

    @Test
    void theThresholdIsAnnouncedOnceAlthoughSupportsDipBelowAndReachItAgain() {
        Topic t = proposed(3);
        t.support("zhang.weimin", false, T);
        t.support("zhao.lei", false, T);
        t.withdrawSupport("zhao.lei", false, T);
        t.support("zhao.lei", false, T);

        assertThat(t.getSupportCount()).isEqualTo(3);
        assertThat(t.raisedEvents()).filteredOn(TopicThresholdReached.class::isInstance).hasSize(1);
    }
}
