package org.shangliang.votes.ballot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * What an operator watches of the ballots (issue 16): how many are open now
 * ({@code shangliang_ballots_open}) and what share of the holders of the open ballots' frozen
 * electorates has voted ({@code shangliang_ballot_turnout_ratio}, 0 to 1; 0 while no ballot is open).
 * Both are read from the store when scraped, so every instance reports the same values (dashboards
 * take the {@code max}); a store that cannot answer reads as NaN rather than as "nothing open".
 *
 * <p>No label per ballot or community: the series stay two however many ballots run (a ballot's own
 * turnout is on its page, live). Reading them costs a count of the open ballots on the
 * {@code status_opens} index, their electorate sizes (the open ballots only, one field each) and one
 * count of the electors of those ballots that hold a vote, through the {@code ballot_owner} index
 * (no elector is loaded into the service). That count grows with the electorates, so the turnout is read
 * at most every 30 s.
 */
@Component
class BallotMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(BallotMetrics.class);

    private final MongoTemplate mongo;
    /** The turnout counts the voters of every open ballot: read at most this often, however often scraped. */
    private final long turnoutKeptNanos;
    private long turnoutReadAt;
    private double lastTurnout = Double.NaN;

    BallotMetrics(MongoTemplate mongo,
                  @Value("${shangliang.votes.turnout-metric-kept:30s}") java.time.Duration turnoutKept) {
        this.mongo = mongo;
        this.turnoutKeptNanos = turnoutKept.toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("shangliang.ballots.open", this, m -> read(m::openBallots))
                .description("Ballots open now (taking votes)").register(registry);
        Gauge.builder("shangliang.ballot.turnout.ratio", this, BallotMetrics::keptTurnout)
                .description("Share of the holders of the open ballots' electorates that have voted (0 when none is open)")
                .register(registry);
    }

    double openBallots() {
        return mongo.getCollection(mongo.getCollectionName(Ballot.class)).countDocuments(open());
    }

    private synchronized double keptTurnout() {
        long now = System.nanoTime();
        if (now - turnoutReadAt >= turnoutKeptNanos || Double.isNaN(lastTurnout)) {
            lastTurnout = read(this::turnout);
            turnoutReadAt = now;
        }
        return lastTurnout;
    }

    /** Holders who voted over holders asked, over every open ballot. */
    double turnout() {
        List<String> ids = new ArrayList<>();
        long holders = 0;
        for (Document ballot : mongo.getCollection(mongo.getCollectionName(Ballot.class)).find(open())
                .projection(new Document("electorate.owners", 1))) {
            ids.add(ballot.get("_id").toString());
            Document electorate = ballot.get("electorate", Document.class);
            if (electorate != null && electorate.get("owners") instanceof Number owners) {
                holders += owners.longValue();
            }
        }
        if (holders == 0) {
            return 0;
        }
        long voted = mongo.getCollection(mongo.getCollectionName(Elector.class)).countDocuments(
                new Document("ballotId", new Document("$in", ids)).append("choice", new Document("$ne", null)));
        return (double) voted / holders;
    }

    private static Document open() {
        return new Document("status", BallotStatus.OPEN.name());
    }

    private static double read(DoubleSupplier value) {
        try {
            return value.getAsDouble();
        } catch (RuntimeException e) {
            log.debug("Ballot metrics unavailable: {}", e.toString());
            return Double.NaN;
        }
    }
}
