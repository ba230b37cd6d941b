package org.shangliang.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-wire-compatible server (mongo-java-server) on 127.0.0.1: in memory for tests, or backed
 * by an H2 file so the local stack's data survives a restart. The services talk to it with the
 * ordinary MongoDB driver, exactly as they would to a real MongoDB.
 */
public final class DocumentStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DocumentStore.class);

    private final MongoServer server;
    private final int port;

    private DocumentStore(MongoBackend backend, int port) {
        this.server = new MongoServer(backend);
        this.port = port;
    }

    /** A store that forgets everything when it stops. */
    public static DocumentStore inMemory(int port) {
        return new DocumentStore(memoryBackend(), port);
    }

    /**
     * A store that keeps its data in {@code file} (an H2 MVStore) across restarts, with a sixth of the JVM's heap
     * (at least H2's default of 16 MB) to keep the documents it has read in memory.
     */
    public static DocumentStore persistent(Path file, int port) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DocumentStore(h2Backend(file.toAbsolutePath().toString(),
                (int) Math.max(16, Runtime.getRuntime().maxMemory() / 6 / (1024 * 1024))), port);
    }

    /** A backend in memory whose unique indexes are {@link UniqueKeyLookup}s. */
    private static MemoryBackend memoryBackend() {
        return new MemoryBackend() {
            @Override
            public MemoryDatabase openOrCreateDatabase(String name) {
                return new MemoryDatabase(name, getCursorRegistry()) {
                    @Override
                    protected Index<Integer> openOrCreateUniqueIndex(String collection, String indexName, List<IndexKey> keys,
                                                                     boolean sparse) {
                        return new UniqueKeyLookup<>(super.openOrCreateUniqueIndex(collection, indexName, keys, sparse), keys, sparse);
                    }
                };
            }
        };
    }

    /**
     * A backend in an H2 file whose unique indexes are {@link UniqueKeyLookup}s over {@link KeysInMemory}: the
     * documents are kept in the file, the indexes are rebuilt from them when the store opens. {@code cacheMegabytes}
     * is the MVStore's cache of pages read from the file, kept as documents: H2's default of 16 MB holds about
     * 16,000 documents, so a pass over a 50,000-flat roll or a ballot's electors read every page again from the
     * file and Java-deserialised each document.
     */
    private static H2Backend h2Backend(String file, int cacheMegabytes) {
        return new H2Backend(new MVStore.Builder().fileName(file).cacheSize(cacheMegabytes).open()) {
            @Override
            protected MongoDatabase openOrCreateDatabase(String name) {
                return new H2Database(name, getMvStore(), getCursorRegistry()) {
                    /** As H2Database opens a collection, with its documents written as BSON ({@link BsonDocuments}). */
                    @Override
                    protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
                        String namespace = getFullCollectionNamespace(collection); // map names as H2Database's
                        MVMap<Object, Document> documents = getMvStore().openMap("databases." + namespace,
                                new MVMap.Builder<Object, Document>().valueType(new BsonDocuments()));
                        MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
                        return new H2Collection(this, collection, options, documents, meta, cursorRegistry);
                    }

                    @Override
                    protected Index<Object> openOrCreateUniqueIndex(String collection, String indexName, List<IndexKey> keys,
                                                                    boolean sparse) {
                        return new UniqueKeyLookup<>(new KeysInMemory(indexName, keys, sparse), keys, sparse);
                    }
                };
            }
        };
    }

    public DocumentStore start() {
        server.bind(new InetSocketAddress(Ports.LOOPBACK, port));
        log.info("MongoDB-wire store listening on 127.0.0.1:{}", port);
        return this;
    }

    /** A connection string for a database of this store. */
    public String uri(String database) {
        return "mongodb://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
