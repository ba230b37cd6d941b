package org.shangliang.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The production Kafka set-up on a real broker: the broker takes its settings from
 * docker-compose.production.yml (environment names turned into settings the way the apache/kafka image
 * does), deploy/kafka/acls.sh runs against it with the real kafka-topics and kafka-acls commands, and
 * then each service's principal can do what the script allows and nothing else.
 */
class KafkaAclsTest {

    private static final Map<String, String> PASSWORDS = Map.of("KAFKA_ADMIN_PASSWORD", "admin-secret",
            "TOPIC_SERVICE_KAFKA_PASSWORD", "topics-secret", "MEETING_SERVICE_KAFKA_PASSWORD", "meetings-secret",
            "VOTE_SERVICE_KAFKA_PASSWORD", "votes-secret", "NOTIFICATION_SERVICE_KAFKA_PASSWORD", "notifications-secret");

    private static KafkaBroker broker;
    private static Path dir;

    @BeforeAll
    static void brokerWithTheProductionSettingsAndTheAcls() throws Exception {
        dir = Files.createTempDirectory("kafka-acls-");
        int port = Ports.free();
        broker = new KafkaBroker(dir.resolve("data"), port);
        for (var setting : productionSettings(port, broker.controllerPort()).entrySet()) {
            broker.with(setting.getKey(), setting.getValue());
        }
        broker.start();
        runAclScript();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Base and production environment of the kafka service, as server settings. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> productionSettings(int port, int controllerPort) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String file : List.of("docker-compose.yml", "docker-compose.production.yml")) {
            Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("..", file)));
            var kafka = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("kafka");
            ((Map<String, Object>) kafka.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (!name.startsWith("KAFKA_") || name.equals("KAFKA_ADMIN_PASSWORD") || name.equals("KAFKA_NODE_ID")) {
                return;
            }
            for (var password : PASSWORDS.entrySet()) {
                value = value.replaceAll("\\$\\{" + password.getKey() + ":\\?[^}]*}", password.getValue());
            }
            value = value.replace("INTERNAL://:9092", "INTERNAL://127.0.0.1:" + port)
                    .replace("kafka:9092", "127.0.0.1:" + port)
                    .replace("localhost:9093", "127.0.0.1:" + controllerPort);
            // the apache/kafka image: KAFKA_ dropped, ___ is -, __ is _, _ is .
            String key = name.substring("KAFKA_".length()).toLowerCase().replace("___", "-").replace("__", "\u0000")
                    .replace('_', '.').replace('\u0000', '_');
            settings.put(key, value);
        });
        assertThat(settings).containsKeys("authorizer.class.name", "listener.name.internal.plain.sasl.jaas.config");
        assertThat(settings.values()).noneMatch(v -> v.contains("${"));
        return settings;
    }

    /** deploy/kafka/acls.sh with kafka-topics.sh and kafka-acls.sh made from the kafka-tools jar. */
    private static void runAclScript() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (var tool : Map.of("kafka-topics.sh", "org.apache.kafka.tools.TopicCommand",
                "kafka-acls.sh", "org.apache.kafka.tools.AclCommand").entrySet()) {
            Path script = bin.resolve(tool.getKey());
            Files.writeString(script, "#!/bin/sh\nexec \"" + java + "\" -Xshare:auto -XX:TieredStopAtLevel=1 -cp \""
                    + System.getProperty("java.class.path") + "\" " + tool.getValue() + " \"$@\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        var process = new ProcessBuilder("sh", Path.of("..", "deploy", "kafka", "acls.sh").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("acls.log").toFile());
        process.environment().put("KAFKA_BIN", bin.toString());
        process.environment().put("KAFKA_BOOTSTRAP", broker.bootstrapServers());
        process.environment().put("KAFKA_ADMIN_PASSWORD", PASSWORDS.get("KAFKA_ADMIN_PASSWORD"));
        Process running = process.start();
        assertThat(running.waitFor(5, TimeUnit.MINUTES)).as("acls.sh finished").isTrue();
        String log = Files.readString(dir.resolve("acls.log"));
        assertThat(running.exitValue()).as(log).isZero();
        assertThat(log).contains("Kafka streams and ACLs are in place");
    }

    private static Properties client(String principal) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "PLAIN");
        String variable = principal.toUpperCase().replace('-', '_') + "_KAFKA_PASSWORD";
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + principal + "\" password=\"" + PASSWORDS.get(variable) + "\";");
        return p;
    }

    private static void send(String principal, String stream) throws Exception {
        Properties p = client(principal);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (var producer = new KafkaProducer<String, String>(p)) {
            producer.send(new ProducerRecord<>(stream, "k", "{}")).get(15, TimeUnit.SECONDS);
        }
    }

    private static int read(String principal, String stream) {
        Properties p = client(principal);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, principal);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (var consumer = new KafkaConsumer<String, String>(p)) {
            consumer.subscribe(List.of(stream));
            int seen = 0;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (seen == 0 && System.nanoTime() < until) {
                seen += consumer.poll(Duration.ofMillis(500)).count();
            }
            return seen;
        }
    }

    private static Throwable cause(Exception e) {
        return e instanceof ExecutionException ? e.getCause() : e;
    }

    @Test
    void eachServiceWritesItsOwnStreamAndNoOther() throws Exception {
        send("topic-service", "shangliang.topics");
        send("meeting-service", "shangliang.meetings");
        send("vote-service", "shangliang.votes");
        for (var forbidden : List.of(List.of("topic-service", "shangliang.votes"),
                List.of("notification-service", "shangliang.topics"), List.of("vote-service", "shangliang.meetings"))) {
            assertThatThrownBy(() -> {
                try {
                    send(forbidden.get(0), forbidden.get(1));
                } catch (ExecutionException e) {
                    throw (Exception) e.getCause();
                }
            }).as(forbidden.get(0) + " writing " + forbidden.get(1)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void eachServiceReadsWhatItSubscribesToAndDeadLettersIt() throws Exception {
        send("vote-service", "shangliang.votes");
        assertThat(read("notification-service", "shangliang.votes")).isPositive();
        send("topic-service", "shangliang.topics");
        assertThat(read("meeting-service", "shangliang.topics")).isPositive();
        send("meeting-service", "shangliang.topics.DLT");
        assertThatThrownBy(() -> read("meeting-service", "shangliang.votes")).as("meeting-service reading votes")
                .isInstanceOf(TopicAuthorizationException.class);
        Exception wrongPassword = null;
        try {
            Properties p = client("topic-service");
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + "username=\"topic-service\" password=\"guess\";");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            try (var producer = new KafkaProducer<String, String>(p)) {
                producer.send(new ProducerRecord<>("shangliang.topics", "k", "{}")).get(15, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            wrongPassword = e;
        }
        assertThat(wrongPassword).as("a wrong password is refused").isNotNull();
        assertThat(String.valueOf(cause(wrongPassword))).containsIgnoringCase("authentication");
    }
}
