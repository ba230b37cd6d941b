package org.shangliang.votes.roll;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** Which uploaded roll is a community's current one, with its totals: switching it is one atomic write. */
@Document("rolls")
public record Roll(@Id String community, String rollId, long owners, long flats, long totalAreaCents,
                   Instant uploadedAt, String uploadedBy) {
}
