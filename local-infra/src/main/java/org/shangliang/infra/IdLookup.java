package org.shangliang.infra;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * The {@code _id} index of mongo-java-server, serving every query that fixes {@code _id} (a value or
 * {@code $in}) whatever else the query asks; the documents it finds are still matched against the whole
 * query. mongo-java-server uses an index only for a query naming exactly the index's keys, so
 * {@code {_id, version}} (every optimistic save), {@code {_id, seq: {$lt}}} and {@code {_id: {$in}, supported}}
 * scanned the whole collection: a cost real MongoDB, which uses the {@code _id} index for them, does
 * not have, and which grew with the collection. Results are the same; only the way to them changes.
 */
final class IdLookup<P> extends Index<P> {

    private static final String ID = "_id";

    private final Index<P> id;

    private IdLookup(Index<P> id) {
        super(id.getName(), id.getKeys(), false);
        this.id = id;
    }

    /** A backend in memory whose {@code _id} indexes are {@link IdLookup}s. */
    static MemoryBackend memoryBackend() {
        return new MemoryBackend() {
            @Override
            public MemoryDatabase openOrCreateDatabase(String name) {
                return new MemoryDatabase(name, getCursorRegistry()) {
                    @Override
                    protected Index<Integer> openOrCreateUniqueIndex(String collection, String indexName, List<IndexKey> keys,
                                                                     boolean sparse) {
                        return wrapId(super.openOrCreateUniqueIndex(collection, indexName, keys, sparse), keys);
                    }
                };
            }
        };
    }

    /** A backend in an H2 file whose {@code _id} indexes are {@link IdLookup}s. */
    static H2Backend h2Backend(String file) {
        return new H2Backend(file) {
            @Override
            protected MongoDatabase openOrCreateDatabase(String name) {
                return new H2Database(name, getMvStore(), getCursorRegistry()) {
                    @Override
                    protected Index<Object> openOrCreateUniqueIndex(String collection, String indexName, List<IndexKey> keys,
                                                                    boolean sparse) {
                        return wrapId(super.openOrCreateUniqueIndex(collection, indexName, keys, sparse), keys);
                    }
                };
            }
        };
    }

    private static <P> Index<P> wrapId(Index<P> index, List<IndexKey> keys) {
        return keys.size() == 1 && ID.equals(keys.get(0).getKey()) ? new IdLookup<>(index) : index;
    }

    /** Whether the query names one {@code _id} or a list of them ({@code $in}), beside anything else. */
    private static boolean fixesId(Document query) {
        Object value = query.get(ID);
        if (value == null) {
            return false;
        }
        if (value instanceof Document expression) {
            return expression.keySet().equals(java.util.Set.of("$in"));
        }
        return !(value instanceof java.util.regex.Pattern);
    }

    @Override
    public boolean canHandle(Document query) {
        return id.canHandle(query) || fixesId(query);
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return id.canHandle(query) ? id.getPositions(query) : id.getPositions(new Document(ID, query.get(ID)));
    }

    @Override
    public P getPosition(Document document) {
        return id.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        id.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        id.add(document, position, collection);
    }

    @Override
    public P remove(Document document) {
        return id.remove(document);
    }

    @Override
    public long getCount() {
        return id.getCount();
    }

    @Override
    public boolean isEmpty() {
        return id.isEmpty();
    }

    @Override
    public long getDataSize() {
        return id.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        id.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
            throws KeyConstraintError {
        id.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        id.drop();
    }

    @Override
    public boolean isUnique() {
        return id.isUnique();
    }
}
