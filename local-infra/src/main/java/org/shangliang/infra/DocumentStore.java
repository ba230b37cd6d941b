package org.shangliang.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
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

    /** Commits the H2 file's changes every second (persistent stores only). */
    private final ScheduledExecutorService committer;

    private DocumentStore(MongoBackend backend, int port) {
        this.server = new MongoServer(backend);
        this.port = port;
        this.committer = backend instanceof H2Backend h2 ? committingEverySecond(h2) : null;
    }

    /**
     * H2 commits on its own with a writer thread that hands each commit to a serialisation and a save thread;
     * the serialisation thread waits for the save thread by spinning on {@code Thread.yield()}
     * ({@code FileStore.saveChunkMetadataChanges}, H2 2.4.240). On two cores it took a whole core while the
     * store was written to: 84 % of the store process's CPU in the 50,000-owner vote benchmark (async-profiler).
     * The store commits here instead, once a second as H2 did, on one thread that serialises and writes
     * itself; at most the last second of changes is lost if the process is killed, as before.
     */
    private static ScheduledExecutorService committingEverySecond(H2Backend backend) {
        ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "store-commit");
            thread.setDaemon(true);
            return thread;
        });
        committer.scheduleWithFixedDelay(() -> {
            try {
                backend.commit();
            } catch (RuntimeException e) {
                log.error("The store could not write its changes to its file; trying again in a second", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        return committer;
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
        if (committer != null) {
            committer.shutdown();
            try {
                committer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server.shutdownNow(); // the H2 backend writes what is left as it closes
    }
}
