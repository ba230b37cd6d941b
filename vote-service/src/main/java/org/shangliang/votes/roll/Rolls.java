package org.shangliang.votes.roll;

import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.bson.Document;
import org.shangliang.contracts.vote.RollUploaded;
import org.shangliang.platform.outbox.Conflicts;
import org.shangliang.platform.web.TextMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Owners' rolls (业主名册): replaced whole. The new flats are written under a new roll id, then the
 * community's pointer is switched in one atomic write, then the replaced roll's flats are removed.
 * A reader (a ballot opening) always sees one complete roll, never a mixture. The same write queues
 * {@link RollUploaded} with the roll's places and their names, which topic-service keeps to check scopes.
 */
@Service
public class Rolls {

    private static final Logger log = LoggerFactory.getLogger(Rolls.class);
    private static final String ROLL_FLATS = "roll_flats";

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
        List<RollUploaded.Place> places = placesOf(checked);
        long owners = holders.size();
        long totalArea = area;
        String[] replaced = new String[1];
        Roll roll = Conflicts.retry(() -> {
            Roll current = current(community).orElseGet(() -> Roll.none(community));
            replaced[0] = current.replaceWith(rollId, owners, checked.rows().size(), totalArea, places, staffId,
                    clock.instant());
            try {
                return mongo.save(current);
            } catch (DuplicateKeyException firstRollRace) {
                throw new OptimisticLockingFailureException("Another first roll of " + community + " was saved",
                        firstRollRace);
            }
        });
        if (replaced[0] != null) {
            mongo.remove(new Query(Criteria.where("rollId").is(replaced[0])), RollFlat.class);
        }
        log.info("Roll of {} replaced by {}: {} owners, {} flats", community, staffId, roll.owners(), roll.flats());
        return checked;
    }

    /** The estates, buildings and entrances of a roll, broadest first, each with the name the roll gave it. */
    private static List<RollUploaded.Place> placesOf(RollCsv.Result roll) {
        Set<String> paths = new TreeSet<>();
        for (RollRow row : roll.rows()) {
            String[] parts = row.flat().split("/");
            String path = parts[0];
            for (int i = 1; i <= 3; i++) {
                path += "/" + parts[i];
                paths.add(path);
            }
        }
        return paths.stream().map(p -> new RollUploaded.Place(p, roll.names().get(p))).toList();
    }

    /**
     * Rolls saved before a roll carried its events had no version; marks them as saved once, so the
     * next upload replaces them instead of inserting a second roll for the community.
     */
    @EventListener(ApplicationReadyEvent.class)
    void versionOlderRolls() {
        long marked = mongo.updateMulti(new Query(Criteria.where("version").exists(false)), new Update().set("version", 0L),
                Roll.class).getModifiedCount();
        if (marked > 0) {
            log.info("Marked {} roll(s) saved before rolls had versions", marked);
        }
    }

    /** Owners, flats and area of one estate or building of a roll ({@code building} null when by estate). */
    record PlaceTotals(String estate, String building, long owners, long flats, long areaCents) {
    }

    /**
     * A roll's totals per estate, or per building within each estate, sorted; owners are distinct holders:
     * grouped by holder first, then by the place, in one aggregation.
     */
    List<PlaceTotals> totals(String rollId, boolean byBuilding) {
        Document place = new Document("estate", "$estate");
        Document placeOfGroup = new Document("estate", "$_id.estate");
        if (byBuilding) {
            place.append("building", "$building");
            placeOfGroup.append("building", "$_id.building");
        }
        Document byHolder = new Document(place).append("holder", "$holder");
        List<PlaceTotals> totals = new ArrayList<>();
        mongo.getCollection(ROLL_FLATS).aggregate(List.of(
                new Document("$match", new Document("rollId", rollId)),
                new Document("$group", new Document("_id", byHolder).append("flats", new Document("$sum", 1))
                        .append("area", new Document("$sum", "$areaCents"))),
                new Document("$group", new Document("_id", placeOfGroup).append("owners", new Document("$sum", 1))
                        .append("flats", new Document("$sum", "$flats")).append("area", new Document("$sum", "$area"))),
                new Document("$sort", new Document("_id", 1)))).forEach(d -> {
                    Document key = (Document) d.get("_id");
                    totals.add(new PlaceTotals(key.getString("estate"), key.getString("building"), number(d, "owners"),
                            number(d, "flats"), number(d, "area")));
                });
        return totals;
    }

    private static long number(Document d, String field) {
        return ((Number) d.get(field)).longValue();
    }

    public Optional<Roll> current(String community) {
        return Optional.ofNullable(mongo.findById(community, Roll.class));
    }

    /**
     * Every flat of the current roll at or below a place path (a topic's scope), streamed. The flats are read
     * here rather than by the template's mapping, which took most of vote-service's CPU when a ballot of
     * 50,000 owners opened ({@code RollFlatReadingTest} holds the two the same).
     */
    public void flatsWithin(Roll roll, String scope, Consumer<RollFlat> each) {
        Pattern within = Pattern.compile("^" + TextMatch.containing(scope).pattern() + "(/|$)");
        Document query = new Document("rollId", roll.rollId()).append("flat", within);
        mongo.execute(ROLL_FLATS, flats -> {
            flats.find(query).forEach(flat -> each.accept(flatOf(flat)));
            return null;
        });
    }

    private static RollFlat flatOf(Document flat) {
        return new RollFlat(flat.getString("_id"), flat.getString("rollId"), flat.getString("community"),
                flat.getString("flat"), flat.getString("estate"), flat.getString("building"), flat.getString("ownerId"),
                flat.getString("ownerName"), ((Number) flat.get("areaCents")).longValue(), flat.getString("holder"));
    }
}
