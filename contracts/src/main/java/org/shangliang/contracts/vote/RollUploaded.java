package org.shangliang.contracts.vote;

import java.time.Instant;
import java.util.List;

import org.shangliang.contracts.IntegrationEvent;

/**
 * Staff replaced a community's owners' roll (业主名册) as a whole. {@code places} are the estates,
 * buildings and entrances the new roll has (not its flats), each with the display name the roll
 * gave it or null when it gave none (a client then says "31号楼", "3单元"). Consumers keep the newest
 * roll per community by {@code uploadedAt}; an older one arriving late changes nothing.
 */
public record RollUploaded(
        String community,
        String rollId,
        long owners,
        long flats,
        List<Place> places,
        String uploadedBy,
        Instant uploadedAt) implements IntegrationEvent {

    /** A place path ({@code community/estate[/building[/entrance]]}) and its display name, if the roll has one. */
    public record Place(String path, String name) {
    }

    /** A roll concerns no topic. */
    @Override
    public String topicId() {
        return null;
    }

    /** Keyed by the community, so one community's rolls stay in order on one partition. */
    @Override
    public String subject() {
        return community;
    }
}
