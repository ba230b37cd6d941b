package org.shangliang.infra;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * A unique index of mongo-java-server ({@code _id}'s, or one an entity declares, such as an elector's
 * {@code {ballotId, ownerId}}), serving every query that fixes all of its keys (a value each, or for a
 * one-key index also {@code $in}) whatever else the query asks; the documents it finds are still matched
 * against the whole query. mongo-java-server uses an index only for a query naming exactly the index's keys,
 * so {@code {_id, version}} (every optimistic save), {@code {_id, seq: {$lt}}} and {@code {ballotId, ownerId,
 * choice: null, sealed: false}} (an owner's vote) scanned the whole collection: a cost real MongoDB, which
 * uses the index for them, does not have, and which grew with the collection. Results are the same; only
 * the way to them changes.
 */
final class UniqueKeyLookup<P> extends Index<P> {

    private final Index<P> id;
    private final List<String> keys;

    UniqueKeyLookup(Index<P> id, List<IndexKey> keys, boolean sparse) {
        super(id.getName(), id.getKeys(), sparse);
        this.id = id;
        this.keys = keys.stream().map(IndexKey::getKey).toList();
    }

    /**
     * Whether the query fixes every key of the index beside anything else: a value each (not null, not an
     * expression), or for a one-key index also a list of values ({@code $in}).
     */
    private boolean fixesKeys(Document query) {
        for (String key : keys) {
            Object value = query.get(key);
            if (value == null || value instanceof java.util.regex.Pattern) {
                return false;
            }
            if (value instanceof Document expression
                    && !(keys.size() == 1 && expression.keySet().equals(java.util.Set.of("$in")))) {
                return false;
            }
        }
        return true;
    }

    /** The part of the query the index answers: its own keys. */
    private Document keysOf(Document query) {
        Document own = new Document();
        keys.forEach(key -> own.put(key, query.get(key)));
        return own;
    }

    @Override
    public boolean canHandle(Document query) {
        return id.canHandle(query) || fixesKeys(query);
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return id.canHandle(query) ? id.getPositions(query) : id.getPositions(keysOf(query));
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
