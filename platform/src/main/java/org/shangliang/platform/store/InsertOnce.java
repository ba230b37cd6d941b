package org.shangliang.platform.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
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

    /**
     * As {@link #all(MongoCollection, List)}, with up to {@code writers} batches in flight at once, each on its own
     * connection: while the store inserts one batch the next is encoded and sent, rather than the two sides taking
     * turns. The calling thread writes too; the others are made for this call and gone after it. Once a write is
     * refused no further batch is started, and the first refusal is thrown when the writes in flight have ended.
     */
    public static long all(MongoCollection<Document> collection, List<Document> documents, int writers) {
        int batches = (documents.size() + BATCH - 1) / BATCH;
        int inFlight = Math.min(writers, batches);
        if (inFlight <= 1) {
            return all(collection, documents);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean refused = new AtomicBoolean();
        LongSupplier writer = () -> {
            long inserted = 0;
            for (int b = next.getAndIncrement(); b < batches && !refused.get(); b = next.getAndIncrement()) {
                try {
                    inserted += all(collection, documents.subList(b * BATCH, Math.min(documents.size(), (b + 1) * BATCH)));
                } catch (RuntimeException e) {
                    refused.set(true);
                    throw e;
                }
            }
            return inserted;
        };
        ExecutorService others = Executors.newFixedThreadPool(inFlight - 1, task -> {
            Thread thread = new Thread(task, "insert-once-" + collection.getNamespace().getCollectionName());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Long>> writing = new ArrayList<>();
            for (int w = 1; w < inFlight; w++) {
                writing.add(others.submit(writer::getAsLong));
            }
            RuntimeException failure = null;
            long inserted = 0;
            try {
                inserted += writer.getAsLong();
            } catch (RuntimeException e) {
                failure = e;
            }
            for (Future<Long> other : writing) {
                try {
                    inserted += other.get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while inserting into "
                            + collection.getNamespace().getCollectionName(), e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return inserted;
        } finally {
            others.shutdownNow();
        }
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
