package org.shangliang.infra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * A unique index of mongo-java-server ({@code _id}'s, or one an entity declares, such as an elector's
 * {@code {ballotId, ownerId}}), serving every query that fixes all of its keys (a value or a list of values,
 * {@code $in}, each: one owner's electors in a page of ballots) whatever else the query asks; the documents it
 * finds are still matched against the whole query. mongo-java-server uses an index only for a query naming
 * exactly the index's keys, so {@code {_id, version}} (every optimistic save), {@code {_id, seq: {$lt}}} and
 * {@code {ballotId, ownerId, choice: null, sealed: false}} (an owner's vote) scanned the whole collection: a
 * cost real MongoDB, which uses the index for them, does not have, and which grew with the collection. Results
 * are the same; only the way to them changes.
 */
final class UniqueKeyLookup<P> extends Index<P> {

    /** The most key combinations a query's lists of values ({@code $in}) may make before a scan is cheaper. */
    static final int MOST_COMBINATIONS = 1_000;

    private final Index<P> id;
    private final List<String> keys;

    UniqueKeyLookup(Index<P> id, List<IndexKey> keys, boolean sparse) {
        super(id.getName(), id.getKeys(), sparse);
        this.id = id;
        this.keys = keys.stream().map(IndexKey::getKey).toList();
    }

    /**
     * Whether the query fixes every key of the index beside anything else: a value each (not null, not an
     * expression) or a list of such values ({@code $in}), in at most {@value #MOST_COMBINATIONS} combinations.
     */
    private boolean fixesKeys(Document query) {
        long combinations = 1;
        for (String key : keys) {
            List<Object> values = valuesOf(query.get(key));
            if (values == null) {
                return false;
            }
            combinations *= values.size();
            if (combinations > MOST_COMBINATIONS) {
                return false;
            }
        }
        return true;
    }

    /** The values a query's condition on a key fixes: one, or the list of {@code $in}; null for anything else. */
    private static List<Object> valuesOf(Object condition) {
        if (condition instanceof Document expression) {
            if (!expression.keySet().equals(Set.of("$in")) || !(expression.get("$in") instanceof Collection<?> in)) {
                return null;
            }
            List<Object> values = new ArrayList<>(in);
            return values.stream().allMatch(UniqueKeyLookup::plainValue) ? values : null;
        }
        return plainValue(condition) ? List.of(condition) : null;
    }

    private static boolean plainValue(Object value) {
        return value != null && !(value instanceof Pattern) && !(value instanceof Document)
                && !(value instanceof Collection<?>);
    }

    /** The index's own part of the query, one exact key per combination of the values it fixes. */
    private List<Document> keysOf(Document query) {
        List<Document> exact = List.of(new Document());
        for (String key : keys) {
            List<Document> more = new ArrayList<>();
            for (Object value : valuesOf(query.get(key))) {
                for (Document partial : exact) {
                    more.add(new Document(partial).append(key, value));
                }
            }
            exact = more;
        }
        return exact;
    }

    @Override
    public boolean canHandle(Document query) {
        return id.canHandle(query) || fixesKeys(query);
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        if (id.canHandle(query)) {
            return id.getPositions(query);
        }
        Set<P> positions = new LinkedHashSet<>();
        keysOf(query).forEach(exact -> id.getPositions(exact).forEach(positions::add));
        return positions;
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
