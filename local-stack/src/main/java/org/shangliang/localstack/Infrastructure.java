package org.shangliang.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.shangliang.infra.DocumentStore;
import org.shangliang.infra.KafkaBroker;
import org.shangliang.infra.MailServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's infrastructure in one process: a real Kafka broker (KRaft), the MongoDB-wire
 * store keeping its data in an H2 file, and an SMTP server whose mail can be read over HTTP. All
 * bound to 127.0.0.1, all data under the data folder.
 */
public final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private Infrastructure() {
    }

    public static void main(String[] args) throws Exception {
        StackPorts ports = StackPorts.fromEnvironment();
        Path data = Path.of(args.length > 0 ? args[0] : ".data").toAbsolutePath();
        long started = System.nanoTime();

        var store = DocumentStore.persistent(data.resolve("store").resolve("shangliang.mv"), ports.mongo()).start();
        var mail = new MailServer(ports.smtp()).start();
        var viewer = new MailViewer(mail, ports.mailViewer()).start();
        var kafka = new KafkaBroker(data.resolve("kafka"), ports.kafka(), ports.kafkaController()).start();

        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping the infrastructure");
            kafka.stop();
            viewer.close();
            mail.close();
            store.close();
            stopped.countDown();
        }, "infrastructure-shutdown"));
        log.info("Infrastructure ready in {} ms: kafka 127.0.0.1:{}, store 127.0.0.1:{}, smtp 127.0.0.1:{}, mail viewer http://127.0.0.1:{}/",
                (System.nanoTime() - started) / 1_000_000, ports.kafka(), ports.mongo(), ports.smtp(), ports.mailViewer());
        stopped.await();
    }
}
