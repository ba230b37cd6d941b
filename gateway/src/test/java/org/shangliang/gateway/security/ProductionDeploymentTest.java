package org.shangliang.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.EventStream;
import org.shangliang.contracts.EventType;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The production deployment (issue 13 item 12) as files: the production realm keeps the demo realm's
 * shape without its demo users and with TLS and no password grant; the compose override has no default
 * secrets and turns on Kafka SASL with an authorizer and MongoDB users; and the Kafka ACLs give each
 * service exactly the streams the code publishes and subscribes to, so a new subscription without its
 * ACL fails here rather than in production.
 */
class ProductionDeploymentTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> SERVICES = List.of("topic-service", "meeting-service", "vote-service",
            "notification-service");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theProductionRealmIsTheDemoRealmWithoutDemoUsersWithTlsAndWithoutThePasswordGrant() throws IOException {
        JsonNode demo = json.readTree(Files.readString(ROOT.resolve("deploy/keycloak/shangliang-realm.json")));
        JsonNode production = json.readTree(Files.readString(ROOT.resolve("deploy/keycloak/production/shangliang-realm.json")));
        assertThat(production.has("users")).as("no demo users").isFalse();
        assertThat(production.get("sslRequired").asString()).isIn("external", "all");
        assertThat(production.get("bruteForceProtected").asBoolean()).isTrue();
        assertThat(production.get("passwordPolicy").asString()).contains("length(12)");
        assertThat(production.path("registrationAllowed").asBoolean(false)).isFalse();
        for (JsonNode client : production.get("clients")) {
            if (client.path("publicClient").asBoolean(false)) {
                assertThat(client.get("directAccessGrantsEnabled").asBoolean()).as("no password grant on a public client")
                        .isFalse();
                assertThat(client.get("redirectUris").valueStream().map(JsonNode::asString).toList())
                        .allMatch(uri -> uri.startsWith("${SHANGLIANG_SITE_URL}"));
                assertThat(client.get("attributes").get("pkce.code.challenge.method").asString()).isEqualTo("S256");
            }
        }
        for (String same : List.of("realm", "roles", "components", "defaultLocale", "accessTokenLifespan")) {
            assertThat(production.get(same)).as(same + " as in the demo realm").isEqualTo(demo.get(same));
        }
        JsonNode demoClient = demo.get("clients").get(0);
        JsonNode productionClient = production.get("clients").get(0);
        for (String same : List.of("clientId", "protocolMappers", "defaultClientScopes", "publicClient")) {
            assertThat(productionClient.get(same)).as("client " + same).isEqualTo(demoClient.get(same));
        }
    }

    @Test
    void theComposeOverrideHasNoDefaultSecretsAndAuthenticatesKafkaAndMongo() throws IOException {
        String text = Files.readString(ROOT.resolve("docker-compose.production.yml"));
        Matcher variable = Pattern.compile("\\$\\{([A-Z_]+)(:?[-?])?").matcher(text);
        while (variable.find()) {
            if (variable.group(1).matches(".*(PASSWORD|KEYFILE|USERNAME)")) {
                assertThat(variable.group(2)).as(variable.group(1) + " must be required (:?), never defaulted").isEqualTo(":?");
            }
        }
        assertThat(text).doesNotContain("change-me").doesNotContain("demo2026");

        Map<String, Object> compose = new Yaml().load(text);
        Map<String, Object> services = map(compose.get("services"));
        assertThat(map(services.get("keycloak")).get("command")).asString().contains("start").doesNotContain("start-dev");
        assertThat(String.valueOf(map(services.get("keycloak")).get("volumes")))
                .contains("deploy/keycloak/production/shangliang-realm.json");
        Map<String, Object> kafka = map(map(services.get("kafka")).get("environment"));
        assertThat(kafka.get("KAFKA_AUTHORIZER_CLASS_NAME")).isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(kafka.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND")).isEqualTo("false");
        assertThat(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).asString().contains("INTERNAL:SASL_PLAINTEXT");
        assertThat(map(services.get("mongo")).get("command")).asString().contains("--auth").contains("--keyFile");
        String users = Files.readString(ROOT.resolve("deploy/mongo/create-users.js"));
        for (String service : SERVICES) {
            assertThat(kafka.get("KAFKA_LISTENER_NAME_INTERNAL_PLAIN_SASL_JAAS_CONFIG")).asString()
                    .contains("user_" + service + "=");
            Map<String, Object> env = map(map(services.get(service)).get("environment"));
            assertThat(env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).as(service).asString()
                    .contains("username=\"" + service + "\"");
            assertThat(env.get("MONGODB_URI")).as(service).asString().startsWith("mongodb://" + service + ":${")
                    .contains("authSource=");
            assertThat(users).contains("\"" + service + "\"");
        }
    }

    @Test
    void eachServiceMayWriteItsOwnStreamAndReadExactlyTheStreamsItSubscribesTo() throws IOException {
        Map<String, Set<String>> writes = new TreeMap<>();
        Map<String, Set<String>> reads = new TreeMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/kafka/acls.sh"))) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 3 && (words[0].equals("writes") || words[0].equals("reads"))) {
                (words[0].equals("writes") ? writes : reads).computeIfAbsent(words[1], s -> new TreeSet<>())
                        .addAll(List.of(words).subList(2, words.length));
            }
        }

        Map<String, Set<String>> published = new TreeMap<>();
        for (EventStream stream : EventStream.values()) {
            published.computeIfAbsent(stream.source().substring(stream.source().lastIndexOf('/') + 1),
                    s -> new TreeSet<>()).add(stream.streamName());
        }
        Map<String, Set<String>> subscribed = new TreeMap<>();
        Pattern on = Pattern.compile("on\\(EventCatalogue\\.([A-Z_]+)");
        for (String service : SERVICES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(service).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = on.matcher(Files.readString(file));
                    while (m.find()) {
                        subscribed.computeIfAbsent(service, s -> new TreeSet<>()).add(streamOf(m.group(1)));
                    }
                }
            }
        }
        assertThat(subscribed).as("the scan found the subscriptions").containsKeys("topic-service", "notification-service");
        assertThat(writes).as("writes in deploy/kafka/acls.sh = the event catalogue's streams by source").isEqualTo(published);
        assertThat(reads).as("reads in deploy/kafka/acls.sh = the services' subscriptions").isEqualTo(subscribed);
    }

    private static String streamOf(String constant) {
        try {
            return ((EventType<?>) EventCatalogue.class.getField(constant).get(null)).stream().streamName();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("EventCatalogue." + constant, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
