package org.shangliang.topics.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimilarTitlesTest {

    @Test
    void theSameMatterInOtherWordsIsANearDuplicate() {
        assertThat(SimilarTitles.nearDuplicates("加装电梯", "31号楼3单元加装电梯")).isTrue();
        assertThat(SimilarTitles.nearDuplicates("31号楼3单元加装电梯", "31号楼3单元加装电梯（旅程一）")).isTrue();
        assertThat(SimilarTitles.nearDuplicates("98号楼增设公共晾衣架", "98号楼晾衣架")).isTrue();
        assertThat(SimilarTitles.similarity("31号楼加装电梯", "31号楼加装电梯")).isEqualTo(1.0);
    }

    @Test
    void anotherMatterOfTheSameBuildingIsNot() {
        assertThat(SimilarTitles.nearDuplicates("31号楼北侧建设非机动车充电棚", "31号楼南侧增设充电桩")).isFalse();
        assertThat(SimilarTitles.nearDuplicates("31号楼3单元加装电梯", "31号楼3单元外墙涂料翻新")).isFalse();
        assertThat(SimilarTitles.similarity("电梯", "")).isZero();
    }

    @Test
    void thePlaceAloneDoesNotMakeTitlesAlike() {
        // every topic of the entrance begins with 31号楼3单元: that says nothing about the matter
        assertThat(SimilarTitles.nearDuplicates("31号楼3单元楼道扶手（会话过期）", "31号楼3单元楼道声控灯（双击）")).isFalse();
        assertThat(SimilarTitles.matterTerms("31号楼3单元加装电梯")).containsExactlyInAnyOrder("加装", "装电", "电梯");
        assertThat(SimilarTitles.matterTerms("31号楼3单元")).isEmpty();
    }
}
