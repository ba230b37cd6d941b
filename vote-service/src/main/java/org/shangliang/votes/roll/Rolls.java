package org.shangliang.votes.roll;

import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.shangliang.platform.web.TextMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Owners' rolls (业主名册): replaced whole. The new flats are written under a new roll id, then the
 * community's pointer is switched in one atomic write, then the replaced roll's flats are removed.
 * A reader (a ballot opening) always sees one complete roll, never a mixture.
 */
@Service
public class Rolls {

    private static final Logger log = LoggerFactory.getLogger(Rolls.class);

    public record Totals(long owners, long flats, long totalAreaCents) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    Rolls(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Checks the whole file; replaces the roll only when every line is good. */
    RollCsv.Result replace(String community, Reader csv, String staffId) throws IOException {
        RollCsv.Result checked = RollCsv.read(community, csv);
        if (!checked.ok()) {
            return checked;
        }
        String rollId = UUID.randomUUID().toString();
        List<RollFlat> batch = new ArrayList<>();
        Set<String> holders = new HashSet<>();
        long area = 0;
        for (RollRow row : checked.rows()) {
            holders.add(row.holder());
            area += row.areaCents();
            batch.add(new RollFlat(rollId + "/" + row.flat(), rollId, community, row.flat(), row.estate(), row.building(),
                    row.ownerId(), row.ownerName(), row.areaCents(), row.holder()));
            if (batch.size() == 1_000) {
                mongo.insert(batch, RollFlat.class);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            mongo.insert(batch, RollFlat.class);
        }
        Roll roll = new Roll(community, rollId, holders.size(), checked.rows().size(), area, clock.instant(), staffId);
        Roll replaced = mongo.findAndReplace(new Query(Criteria.where("_id").is(community)), roll,
                FindAndReplaceOptions.options().upsert());
        if (replaced != null) {
            mongo.remove(new Query(Criteria.where("rollId").is(replaced.rollId())), RollFlat.class);
        }
        log.info("Roll of {} replaced by {}: {} owners, {} flats", community, staffId, roll.owners(), roll.flats());
        return checked;
    }

    public Optional<Roll> current(String community) {
        return Optional.ofNullable(mongo.findById(community, Roll.class));
    }

    /** Every flat of the current roll at or below a place path (a topic's scope), streamed. */
    public void flatsWithin(Roll roll, String scope, Consumer<RollFlat> each) {
        Pattern within = Pattern.compile("^" + TextMatch.containing(scope).pattern() + "(/|$)");
        mongo.stream(new Query(Criteria.where("rollId").is(roll.rollId()).and("flat").regex(within)), RollFlat.class)
                .forEach(each);
    }
}
