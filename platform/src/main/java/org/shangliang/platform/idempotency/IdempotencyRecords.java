package org.shangliang.platform.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The first answer to each (person, Idempotency-Key), in the service's own store: one document per key,
 * claimed by inserting it (a unique {@code _id}: of two requests at once, exactly one runs), completed
 * with the answer, removed when the answer must not be kept. Documents expire after the retention
 * (a TTL index on {@code createdAt}).
 */
public class IdempotencyRecords {

    static final String COLLECTION = "idempotency_keys";

    /** What a request with a key finds. */
    sealed interface Claim {
        /** Nobody used the key: this request runs, and its answer is kept. */
        record Mine() implements Claim {
        }

        /** The same request was answered: this is its answer. */
        record Answered(int status, String contentType, String location, byte[] body) implements Claim {
        }

        /** The key was used for another request (another path or body). */
        record OtherRequest() implements Claim {
        }

        /** The same request is still running. */
        record Running() implements Claim {
        }
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration takeOverAfter;

    public IdempotencyRecords(MongoTemplate mongo, Clock clock, Duration retention, Duration takeOverAfter) {
        this.mongo = mongo;
        this.clock = clock;
        this.takeOverAfter = takeOverAfter;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("createdAt", Sort.Direction.ASC)
                .expire(retention).named("expire"));
    }

    Claim claim(String id, String fingerprint) {
        Instant now = clock.instant();
        try {
            mongo.insert(new Document("_id", id).append("fingerprint", fingerprint).append("state", "RUNNING")
                    .append("createdAt", Date.from(now)), COLLECTION);
            return new Claim.Mine();
        } catch (DuplicateKeyException taken) {
            Document found = mongo.findById(id, Document.class, COLLECTION);
            if (found == null) {
                return claim(id, fingerprint); // it expired or was released a moment ago
            }
            if (!fingerprint.equals(found.getString("fingerprint"))) {
                return new Claim.OtherRequest();
            }
            if ("DONE".equals(found.getString("state"))) {
                Binary body = found.get("body", Binary.class);
                return new Claim.Answered(found.getInteger("status"), found.getString("contentType"),
                        found.getString("location"), body == null ? new byte[0] : body.getData());
            }
            Date started = found.getDate("createdAt");
            if (started.toInstant().plus(takeOverAfter).isBefore(now)
                    && mongo.updateFirst(new Query(Criteria.where("_id").is(id).and("state").is("RUNNING")
                            .and("createdAt").is(started)), Update.update("createdAt", Date.from(now)), COLLECTION)
                    .getModifiedCount() == 1) {
                return new Claim.Mine(); // the instance that ran it died before answering
            }
            return new Claim.Running();
        }
    }

    void complete(String id, int status, String contentType, String location, byte[] body) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().set("state", "DONE")
                .set("status", status).set("contentType", contentType).set("location", location)
                .set("body", new Binary(body)), COLLECTION);
    }

    void release(String id) {
        mongo.remove(new Query(Criteria.where("_id").is(id).and("state").is("RUNNING")), COLLECTION);
    }
}
