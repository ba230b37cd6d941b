package org.shangliang.votes.roll;

import java.time.Instant;
import java.util.List;

import org.shangliang.contracts.vote.RollUploaded;
import org.shangliang.platform.outbox.OutboxAggregate;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Which uploaded roll is a community's current one, with its totals: switching it is one atomic write,
 * which also queues the {@link RollUploaded} event that tells other services the roll's places.
 */
@Document("rolls")
public class Roll extends OutboxAggregate {

    private String rollId;
    private long owners;
    private long flats;
    private long totalAreaCents;
    private Instant uploadedAt;
    private String uploadedBy;
    /** The estates and buildings the roll gave a display name. */
    private List<RollUploaded.Place> named = List.of();

    protected Roll() {
    }

    /** A community that has had no roll yet. */
    static Roll none(String community) {
        Roll roll = new Roll();
        roll.id = community;
        return roll;
    }

    /** Makes another uploaded roll the current one; returns the id of the roll it replaced, or null. */
    String replaceWith(String newRollId, long newOwners, long newFlats, long newTotalAreaCents,
                       List<RollUploaded.Place> places, String staffId, Instant now) {
        String replaced = rollId;
        rollId = newRollId;
        owners = newOwners;
        flats = newFlats;
        totalAreaCents = newTotalAreaCents;
        uploadedAt = now;
        uploadedBy = staffId;
        named = places.stream().filter(p -> p.name() != null).toList();
        raise(new RollUploaded(id, newRollId, newOwners, newFlats, places, staffId, now));
        return replaced;
    }

    public String community() {
        return id;
    }

    public String rollId() {
        return rollId;
    }

    public long owners() {
        return owners;
    }

    public long flats() {
        return flats;
    }

    public long totalAreaCents() {
        return totalAreaCents;
    }

    public Instant uploadedAt() {
        return uploadedAt;
    }

    public String uploadedBy() {
        return uploadedBy;
    }

    /** The display name the roll gave a place, or null. */
    public String nameOf(String place) {
        return named == null ? null : named.stream().filter(p -> p.path().equals(place)).map(RollUploaded.Place::name)
                .findFirst().orElse(null);
    }
}
