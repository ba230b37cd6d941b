package org.shangliang.contracts.vote;

import java.util.List;

import org.shangliang.contracts.IntegrationEvent;

/**
 * One part of a ballot's frozen electorate: the owner (user) ids of up to 1,000 holders, so that a
 * large estate's electorate never makes one oversized record. Parts are numbered from 1.
 */
public record ElectoratePublished(
        String ballotId,
        String topicId,
        String community,
        int part,
        int parts,
        List<String> ownerIds) implements IntegrationEvent {
}
