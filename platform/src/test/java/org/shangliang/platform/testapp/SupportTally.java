package org.shangliang.platform.testapp;

import org.shangliang.platform.outbox.OutboxAggregate;
import org.springframework.data.mongodb.core.mapping.Document;

/** A consumer-side projection: counts the support events it applied. */
@Document("support_tallies")
public class SupportTally extends OutboxAggregate {

    private int applied;

    SupportTally() {
    }

    SupportTally(String topicId) {
        this.id = topicId;
    }

    static void count(SupportTally tally) {
        tally.applied++;
    }

    public int getApplied() {
        return applied;
    }
}
