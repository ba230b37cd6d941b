package org.shangliang.votes.ballot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.shangliang.votes.VoteServiceTestSupport;
import org.shangliang.votes.counting.Choice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A frozen electorate is written as documents made by hand (the hot path of opening a large ballot); they must be
 * what the template's mapping writes and reads, or votes, contests and the count would miss or misread a holder.
 */
class FrozenElectorTest extends VoteServiceTestSupport {

    @Autowired
    BallotStore store;

    @Autowired
    MongoTemplate mongo;

    @Test
    void anElectorIsWrittenAsTheTemplatesMappingWritesIt() {
        String ballot = "b-" + UUID.randomUUID();
        Elector alone = Elector.notYetVoted(ballot, "周建华", "zhou.jianhua", "周建华", 6_620, List.of("31/3/101"), null);
        Elector twoFlats = Elector.notYetVoted(ballot, "王国华", "wang.guohua", "王国华", 12_766,
                List.of("31/3/501", "31/3/502"), List.of(1_250_000L, 1_180_000L));
        for (Elector elector : List.of(alone, twoFlats)) {
            Document mapped = new Document();
            mongo.getConverter().write(elector, mapped);
            assertThat(BallotStore.frozen(elector)).as(elector.holder()).isEqualTo(mapped);
        }
    }

    @Test
    void electorsWrittenAgainAfterACrashHalfWayAreKeptOnceAndReadBackWhole() {
        String ballot = "b-" + UUID.randomUUID();
        List<Elector> electorate = List.of(
                Elector.notYetVoted(ballot, "周建华", "zhou.jianhua", "周建华", 6_620, List.of("31/3/101"), null),
                Elector.notYetVoted(ballot, "吴美芳", "wu.meifang", "吴美芳", 6_146, List.of("31/3/102"), null),
                Elector.notYetVoted(ballot, "王国华", "wang.guohua", "王国华", 12_766, List.of("31/3/501", "31/3/502"),
                        List.of(1_250_000L, 1_180_000L)));
        store.insertElectors(electorate.subList(0, 1));
        store.insertElectors(electorate);

        List<Elector> stored = mongo.find(new Query(Criteria.where("ballotId").is(ballot)), Elector.class);
        assertThat(stored).containsExactlyInAnyOrderElementsOf(electorate);
        assertThat(store.recordOnlineVote(ballot, "wang.guohua", Choice.FOR, "R-1", Instant.now()))
                .as("the holder of two flats votes through the owner id of the first").isPresent();
    }

    @Test
    void onlyAnElectorWhoHasNotVotedIsFrozen() {
        Elector voted = new Elector("b/周建华", "b", "周建华", "zhou.jianhua", "周建华", 6_620, List.of("31/3/101"),
                Choice.FOR, VoteChannel.ONLINE, null, null, "R-1", Instant.now(), false, null, null, null);
        assertThatThrownBy(() -> BallotStore.frozen(voted)).isInstanceOf(IllegalArgumentException.class);
    }
}
