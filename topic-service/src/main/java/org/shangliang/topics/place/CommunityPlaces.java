package org.shangliang.topics.place;

import java.time.Instant;
import java.util.List;

import org.shangliang.contracts.PlacePaths;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The estates, buildings and entrances a community's current owners' roll has, with the names the roll
 * gave them: what topic-service knows of places (vote-service owns the roll and says so by
 * {@code RollUploaded}). Only the newest roll by {@code uploadedAt} is kept.
 */
@Document("places")
public record CommunityPlaces(@Id String community, String rollId, Instant uploadedAt, List<Place> places) {

    /** A place path and the name the roll gave it, or null. */
    public record Place(String path, String name) {
    }

    /** Whether the roll has this estate, building or entrance. */
    public boolean has(String path) {
        return places.stream().anyMatch(p -> p.path().equals(path));
    }

    /** The name the roll gave a place, or null. */
    public String nameOf(String path) {
        for (Place place : places) {
            if (place.path().equals(path)) {
                return place.name();
            }
        }
        return null;
    }

    /**
     * Whether a topic may concern {@code scope}: the proposer's own home or a place above it (the
     * identity provider vouches for it), the proposer's own community, or a place of the community's
     * roll ({@code roll} is null while the community has none). A place that exists nowhere is refused,
     * so a topic never concerns a building nobody lives in.
     */
    public static boolean known(String scope, String home, String ownCommunity, CommunityPlaces roll) {
        if (PlacePaths.within(home, scope)) {
            return true;
        }
        if (scope.equals(ownCommunity)) {
            return true;
        }
        return roll != null && (scope.equals(roll.community()) || roll.has(scope));
    }

    /** The known places whose parent is {@code parent}, for telling a person what exists there. */
    public List<Place> within(String parent) {
        return places.stream().filter(p -> p.path().startsWith(parent + "/")
                && p.path().indexOf('/', parent.length() + 1) < 0).toList();
    }
}
