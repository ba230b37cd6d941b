package org.shangliang.platform.store;

import java.util.List;
import java.util.function.ToLongFunction;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Inserts many documents whose ids say what they are (a ballot's elector, an event's notice to one person),
 * in unordered batches: one round trip per {@value #BATCH} documents instead of one each. A document whose
 * id is there already (a redelivered event, a retry after a crash half-way) is left as it is; any other
 * refusal is thrown.
 */
public final class InsertOnce {

    /** MongoDB's error code for a duplicate key. */
    static final int DUPLICATE_KEY = 11000;
    static final int BATCH = 1_000;

    private InsertOnce() {
    }

    /** Inserts those not stored yet; answers how many were new. */
    public static long all(MongoTemplate mongo, Class<?> type, List<?> documents) {
        return inBatches(documents, batch -> execute(mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type)
                .insert(batch)));
    }

    /**
     * Inserts documents already in the store's form (written by hand on a hot path, where the mapping of
     * every entity and its events cost more than the store's own work), those not stored yet; answers how
     * many were new. Call it inside {@link MongoTemplate#execute(String, org.springframework.data.mongodb.core.CollectionCallback)}
     * so that any other refusal is translated as the template's own are.
     */
    public static long all(MongoCollection<Document> collection, List<Document> documents) {
        return inBatches(documents, batch -> {
            try {
                collection.insertMany(batch, new InsertManyOptions().ordered(false));
                return batch.size();
            } catch (MongoBulkWriteException e) {
                return insertedBesideDuplicates(e);
            }
        });
    }

    /** Writes the documents {@value #BATCH} at a time; answers the sum of what each write inserted. */
    private static <T> long inBatches(List<T> documents, ToLongFunction<List<T>> write) {
        long inserted = 0;
        for (int i = 0; i < documents.size(); i += BATCH) {
            inserted += write.applyAsLong(documents.subList(i, Math.min(documents.size(), i + BATCH)));
        }
        return inserted;
    }

    /**
     * Runs unordered writes of which a duplicate key means "there already" (an insert of a known id, an
     * upsert whose condition says a newer write is there); answers how many documents were inserted.
     * Any other refusal is thrown.
     */
    public static long execute(BulkOperations writes) {
        try {
            return writes.execute().getInsertedCount();
        } catch (BulkOperationException e) {
            if (e.getErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
                throw e;
            }
            return e.getResult().getInsertedCount();
        } catch (MongoBulkWriteException e) {
            return insertedBesideDuplicates(e);
        }
    }

    /** How many documents a refused bulk write inserted, when every refusal was a duplicate key; else rethrows it. */
    private static int insertedBesideDuplicates(MongoBulkWriteException e) {
        if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
            throw e;
        }
        return e.getWriteResult().getInsertedCount();
    }
}
