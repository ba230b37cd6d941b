package org.shangliang.infra;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * A unique index of the H2-backed store kept in a hash map in memory, in place of mongo-java-server's
 * H2 index. That one is an H2 map whose keys it does not know how to compare, so every comparison
 * of its binary search serialised both keys with Java serialisation: 60 % of an insert's and more than
 * half of a vote's time in the store (async-profiler, 50,000 electors). The documents stay in the H2
 * file; only the index is not written there. The store rebuilds it from the documents when it opens a
 * collection (mongo-java-server fills an index that starts empty from the collection's documents),
 * about a second per 50,000 documents.
 */
final class KeysInMemory extends AbstractUniqueIndex<Object> {

    private final Map<KeyValue, Object> positions = new ConcurrentHashMap<>();

    KeysInMemory(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return positions.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return positions.putIfAbsent(key, position) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return positions.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return positions.get(key);
    }

    @Override
    public long getCount() {
        return positions.size();
    }

    @Override
    public boolean isEmpty() {
        return positions.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
