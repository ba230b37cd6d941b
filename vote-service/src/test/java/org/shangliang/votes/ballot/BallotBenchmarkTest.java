package org.shangliang.votes.ballot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.platform.store.InsertOnce;
import org.shangliang.platform.testing.ApiClient;
import org.shangliang.platform.testing.Streams;
import org.shangliang.votes.VoteServiceTestSupport;
import org.shangliang.votes.roll.Roll;
import org.shangliang.votes.roll.RollFlat;
import org.shangliang.votes.roll.Rolls;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

/**
 * Votes per second accepted by the service alone (HTTP, 8 clients), and the time to close and count
 * a ballot of 10,000 holders. Prints figures. Run: ./mvnw -pl vote-service test -Dbenchmarks
 */
@Tag("benchmark")
@TestPropertySource(properties = "shangliang.votes.clock-interval=1h")
class BallotBenchmarkTest extends VoteServiceTestSupport {

    @Autowired
    Ballots ballots;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    BallotStore store;

    @Autowired
    Rolls rolls;

    /**
     * Freezing 50,000 holders, the two halves of opening a ballot: the roll's flats read and the electors written,
     * through the template's mapping (as before stop 30) and by hand (now), interleaved, three measured rounds each
     * after one to warm up, in one run.
     */
    @Test
    void freezingFiftyThousandHoldersByTheMappingAndByHand() {
        String c = community();
        uploadRoll(c, rollOf(c, 50_000));
        Roll roll = rolls.current(c).orElseThrow();
        String rollId = roll.rollId();
        long[] mapping = new long[2];
        long[] byHand = new long[2];
        for (int round = 0; round < 4; round++) {
            boolean measured = round > 0; // the first round of each warms the code
            long t0 = System.nanoTime();
            List<RollFlat> read = mongo.find(new Query(Criteria.where("rollId").is(rollId)
                    .and("flat").regex("^" + c + "/estate(/|$)")), RollFlat.class);
            long t1 = System.nanoTime();
            InsertOnce.all(mongo, Elector.class, Electorate.freeze("m" + round + "-" + rollId, read).electors());
            long t2 = System.nanoTime();
            List<RollFlat> readByHand = new ArrayList<>();
            rolls.flatsWithin(roll, c + "/estate", readByHand::add);
            long t3 = System.nanoTime();
            store.insertElectors(Electorate.freeze("h" + round + "-" + rollId, readByHand).electors());
            long t4 = System.nanoTime();
            assertThat(readByHand).hasSize(50_000).containsExactlyInAnyOrderElementsOf(read);
            assertThat(mongo.count(new Query(Criteria.where("ballotId").is("h" + round + "-" + rollId)), Elector.class))
                    .isEqualTo(50_000);
            // the test's store lives in this JVM's heap: each round's electors go before the next
            mongo.remove(new Query(Criteria.where("ballotId").in("m" + round + "-" + rollId, "h" + round + "-" + rollId)),
                    Elector.class);
            if (measured) {
                mapping[0] += t1 - t0;
                mapping[1] += t2 - t1;
                byHand[0] += t3 - t2;
                byHand[1] += t4 - t3;
            }
        }
        System.out.printf("%nfreezing 50,000 holders, mean of 3 rounds: flats read %d ms by the mapping, %d ms by hand "
                        + "(%.2f); electors written %d ms by the mapping, %d ms by hand (%.2f)%n", mapping[0] / 3_000_000,
                byHand[0] / 3_000_000, (double) byHand[0] / mapping[0], mapping[1] / 3_000_000, byHand[1] / 3_000_000,
                (double) byHand[1] / mapping[1]);
    }

    /**
     * The electors of a 50,000-holder opening written one batch at a time and two at once (as the service does),
     * interleaved, the order of the two swapped each round, six measured rounds each after one to warm up, in one run.
     */
    @Test
    void writingFiftyThousandElectorsOneBatchAtATimeAndTwoAtOnce() {
        String c = community();
        uploadRoll(c, rollOf(c, 50_000));
        Roll roll = rolls.current(c).orElseThrow();
        List<RollFlat> flats = new ArrayList<>();
        rolls.flatsWithin(roll, c + "/estate", flats::add);
        long[] took = new long[3];
        for (int round = 0; round < 7; round++) {
            for (int writers : round % 2 == 0 ? new int[] {1, 2} : new int[] {2, 1}) {
                String ballotId = "w" + writers + "-" + round + "-" + roll.rollId();
                List<Elector> electors = Electorate.freeze(ballotId, flats).electors();
                long t0 = System.nanoTime();
                store.insertElectors(electors, writers);
                long took1 = System.nanoTime() - t0;
                assertThat(mongo.count(new Query(Criteria.where("ballotId").is(ballotId)), Elector.class))
                        .isEqualTo(50_000);
                // a retried opening finds them there and leaves them as they are
                store.insertElectors(electors, writers);
                assertThat(mongo.count(new Query(Criteria.where("ballotId").is(ballotId)), Elector.class))
                        .isEqualTo(50_000);
                mongo.remove(new Query(Criteria.where("ballotId").is(ballotId)), Elector.class);
                if (round > 0) {
                    took[writers] += took1;
                }
            }
        }
        System.out.printf("%nwriting 50,000 electors, mean of 6 rounds: one batch at a time %d ms, two at once %d ms "
                + "(%.2f)%n", took[1] / 6_000_000, took[2] / 6_000_000, (double) took[2] / took[1]);
    }

    @Test
    void tenThousandHolders() throws Exception {
        String c = community();
        String csv = rollOf(c, 10_000);
        long t0 = System.nanoTime();
        uploadRoll(c, csv);
        System.out.printf("%nroll of 10,000 flats uploaded and checked in %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        // signing 10,000 tokens is the client's cost, not the service's: done before the ballot's clock starts
        List<ApiClient> owners = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            owners.add(owner(c, "owner" + i));
        }
        String topicId = "t-" + UUID.randomUUID();
        Instant closesAt = Instant.now().plus(Duration.ofSeconds(150));
        t0 = System.nanoTime();
        Streams.publish(putToVote(c, "m-" + topicId, topicId, c + "/estate", BallotRule.CIVIL_CODE_MAJOR, closesAt));
        String ballotId = Ballots.idFor("m-" + topicId, topicId);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Ballot b = mongo.findById(ballotId, Ballot.class);
            return b != null && b.getStatus() == BallotStatus.OPEN;
        });
        System.out.printf("ballot opened (10,000 holders frozen) %d ms after the conclusion was published%n",
                (System.nanoTime() - t0) / 1_000_000);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        t0 = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            ApiClient owner = owners.get(i);
            String choice = i % 10 == 0 ? "AGAINST" : i % 17 == 0 ? "ABSTAIN" : "FOR";
            results.add(pool.submit(() -> owner.post("/api/ballots/" + ballotId + "/votes",
                    "{\"choice\":\"" + choice + "\"}").status()));
        }
        long accepted = 0;
        for (Future<Integer> f : results) {
            accepted += f.get() == 201 ? 1 : 0;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf("%d votes accepted in %.1f s: %.0f votes/s (8 clients over HTTP, token validation included)%n",
                accepted, seconds, accepted / seconds);
        assertThat(accepted).isEqualTo(10_000);

        while (Instant.now().isBefore(closesAt)) {
            Thread.sleep(200);
        }
        t0 = System.nanoTime();
        ballots.closeIfDue(ballotId);
        System.out.printf("closed and counted 10,000 holders in %d ms: %s%n", (System.nanoTime() - t0) / 1_000_000,
                mongo.findById(ballotId, Ballot.class).getResult());
    }

    /** A roll of one estate of the community: buildings of 10 entrances of 20 flats, each flat its own holder. */
    private static String rollOf(String community, int flats) {
        StringBuilder csv = new StringBuilder("flat,ownerId,ownerName,area,holder\n");
        for (int i = 0; i < flats; i++) {
            csv.append(community).append("/estate/").append(1 + i / 200).append('/').append(1 + (i / 20) % 10)
                    .append('/').append(101 + i % 20).append(",owner").append(i).append(",业主").append(i).append(',')
                    .append(50 + i % 70).append('.').append(10 + i % 90).append(",业主").append(i).append('\n');
        }
        return csv.toString();
    }
}
