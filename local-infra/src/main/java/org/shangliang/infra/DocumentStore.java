package org.shangliang.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
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
        return new DocumentStore(UniqueKeyLookup.memoryBackend(), port);
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
        return new DocumentStore(UniqueKeyLookup.h2Backend(file.toAbsolutePath().toString(),
                (int) Math.max(16, Runtime.getRuntime().maxMemory() / 6 / (1024 * 1024))), port);
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
