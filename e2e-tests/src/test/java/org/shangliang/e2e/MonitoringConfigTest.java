package org.shangliang.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring of docker-compose (issue 16 item 3) read as files, without Docker: Prometheus scrapes
 * every process of the compose file on the port it serves its metrics on and loads alert rules that are
 * complete (for, severity, summary and description in Chinese then English, a runbook anchor); the
 * Grafana dashboard has the panels an operator needs, each query names its data source, and the
 * provisioning loads it. {@link #metricNamesUsed()} (a small PromQL tokenizer) is what
 * {@code LocalStackIT} checks against what the packaged processes really export.
 */
public class MonitoringConfigTest {

    private static final Path ROOT = Path.of("..");
    private static final Path PROMETHEUS = ROOT.resolve(Path.of("deploy", "prometheus"));
    private static final Path GRAFANA = ROOT.resolve(Path.of("deploy", "grafana"));
    private static final Path DASHBOARD = GRAFANA.resolve(Path.of("dashboards", "shangliang.json"));

    /**
     * Each alert and the anchor of its runbook entry in docs/operations.md ("Alerts": a heading
     * "Alert: &lt;name&gt;" per alert gives exactly these anchors).
     */
    static final Map<String, String> RUNBOOK_ANCHORS = Map.of(
            "OutboxStuck", "alert-outboxstuck",
            "EventsDeadLettered", "alert-eventsdeadlettered",
            "ConsumerLagGrowing", "alert-consumerlaggrowing",
            "ServiceErrors5xx", "alert-serviceerrors5xx",
            "GatewayRouteErrors5xx", "alert-gatewayrouteerrors5xx",
            "CircuitBreakerOpen", "alert-circuitbreakeropen",
            "InstanceDown", "alert-instancedown");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");

    // ---- what the tests read

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) {
        try {
            Object loaded = new Yaml().load(Files.readString(file));
            assertThat(loaded).as(file + " is a YAML mapping").isInstanceOf(Map.class);
            return (Map<String, Object>) loaded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static Map<String, Object> composeServices() {
        return map(yaml(ROOT.resolve("docker-compose.yml")).get("services"));
    }

    private static JsonNode dashboard() {
        try {
            return JSON.readTree(Files.readString(DASHBOARD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every alert rule of deploy/prometheus/alerts.yml. */
    private static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : list(yaml(PROMETHEUS.resolve("alerts.yml")).get("groups"))) {
            assertThat(map(group).get("name")).as("group name").isNotNull();
            for (Object rule : list(map(group).get("rules"))) {
                rules.add(map(rule));
            }
        }
        return rules;
    }

    /** Every panel of the dashboard, those inside collapsed rows too. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            for (JsonNode inner : panel.path("panels")) {
                panels.add(inner);
            }
        }
        return panels;
    }

    /** The expression of every alert rule and of every dashboard query. */
    public static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> rule : rules()) {
            expressions.add(String.valueOf(rule.get("expr")));
        }
        for (JsonNode panel : panels(dashboard())) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asString(""));
            }
        }
        return expressions;
    }

    /** The metric names the alert rules and the dashboard use, sorted. */
    public static Set<String> metricNamesUsed() {
        Set<String> names = new TreeSet<>();
        expressions().forEach(e -> names.addAll(metricNames(e)));
        return names;
    }

    // ---- a PromQL tokenizer: enough to find the metric names of an expression

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "offset", "bool", "and", "or", "unless", "atan2", "inf", "nan",
            // aggregations (also written "sum by (x) (...)", not followed by a parenthesis)
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    /**
     * The metric names a PromQL expression selects: identifiers that are not functions (followed by a
     * parenthesis), aggregations, keywords, numbers or durations, nor label names or values (inside
     * {@code {...}}, {@code by (...)}, {@code on (...)}, ...), strings, ranges ({@code [5m]},
     * {@code [$__rate_interval]}) or Grafana variables. Unbalanced brackets and unterminated strings
     * are an IllegalArgumentException.
     */
    public static Set<String> metricNames(String promql) {
        Set<String> names = new LinkedHashSet<>();
        String s = promql;
        int i = 0;
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                i = skipString(s, i);
            } else if (c == '{') {
                i = skipBracket(s, i, '{', '}');
            } else if (c == '[') {
                i = skipBracket(s, i, '[', ']');
            } else if (c == '}' || c == ']') {
                throw new IllegalArgumentException("Unbalanced '" + c + "' at " + i + " in " + promql);
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                if (--depth < 0) {
                    throw new IllegalArgumentException("Unbalanced ')' at " + i + " in " + promql);
                }
                i++;
            } else if (c == '$') {
                i++;
                if (i < s.length() && s.charAt(i) == '{') {
                    i = skipBracket(s, i, '{', '}');
                } else {
                    while (i < s.length() && isIdentifierPart(s.charAt(i))) {
                        i++;
                    }
                }
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                // numbers and durations: 0.99, 1e3, 0x1f, 15m, 1h30m
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
                        || s.charAt(i) == '_')) {
                    i++;
                }
            } else if (isIdentifierStart(c)) {
                int start = i;
                while (i < s.length() && isIdentifierPart(s.charAt(i))) {
                    i++;
                }
                String word = s.substring(start, i);
                int next = skipWhitespace(s, i);
                boolean call = next < s.length() && s.charAt(next) == '(';
                String lower = word.toLowerCase(Locale.ROOT);
                if (LABEL_LISTS.contains(lower)) {
                    if (call) {
                        i = skipBracket(s, next, '(', ')');
                    }
                } else if (!call && !KEYWORDS.contains(lower)) {
                    names.add(word);
                }
            } else {
                i++; // operators and commas
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("Unbalanced '(' in " + promql);
        }
        return names;
    }

    private static boolean isIdentifierStart(char c) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }

    private static int skipWhitespace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index after the string starting at {@code i}. */
    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\' && quote != '`') {
                j++;
            } else if (c == quote) {
                return j + 1;
            }
        }
        throw new IllegalArgumentException("Unterminated string at " + i + " in " + s);
    }

    /** The index after the bracket opened at {@code i}, skipping strings and nested brackets of its kind. */
    private static int skipBracket(String s, int i, char open, char close) {
        int depth = 0;
        int j = i;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '"' || c == '\'' || c == '`') {
                j = skipString(s, j);
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return j + 1;
            }
            j++;
        }
        throw new IllegalArgumentException("Unbalanced '" + open + "' at " + i + " in " + s);
    }

    @Test
    void theTokenizerFindsMetricNamesAndNothingElse() {
        assertThat(metricNames("up == 0")).containsExactly("up");
        assertThat(metricNames("max by (application) (shangliang_outbox_oldest_age_seconds) > 60"))
                .containsExactly("shangliang_outbox_oldest_age_seconds");
        assertThat(metricNames("histogram_quantile(0.99, sum by (application, le) (rate("
                + "http_server_requests_seconds_bucket{uri!~\"/readyz|/livez\", status=~\"5..\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(metricNames("sum(rate(a_total{x=\"}{[(\"}[5m])) without (instance) / ignoring(job) group_left(team) "
                + "sum(rate(b_seconds_count[1h30m] offset 1d)) and on() vector(1) or bool c:recorded unless d @ start()"))
                .containsExactly("a_total", "b_seconds_count", "c:recorded", "d");
        assertThat(metricNames("sum(x) by (routeId) * 2 + max(y) - Inf + NaN + 1e3 + 0x1F + label_replace(z, \"dst\","
                + " '$1', \"src\", `(.*)`)")).containsExactly("x", "y", "z");
        assertThat(metricNames("increase(dead_total[15m]) > 0 or (dead_total unless dead_total offset 15m)"))
                .containsExactly("dead_total");
        assertThatThrownBy(() -> metricNames("sum(rate(x[5m])")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metricNames("x{a=\"b}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metricNames("x}")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- Prometheus

    @Test
    void prometheusScrapesEveryProcessOfTheComposeFileWhereItServesItsMetricsAndLoadsTheRules() {
        Map<String, Object> config = yaml(PROMETHEUS.resolve("prometheus.yml"));
        Map<String, Object> global = map(config.get("global"));
        assertThat(String.valueOf(global.get("scrape_interval"))).matches(DURATION);
        assertThat(String.valueOf(global.get("evaluation_interval"))).matches(DURATION);
        List<Object> ruleFiles = list(config.get("rule_files"));
        assertThat(ruleFiles).contains("alerts.yml");
        for (Object file : ruleFiles) {
            assertThat(PROMETHEUS.resolve(String.valueOf(file))).as("rule file next to prometheus.yml").isRegularFile();
        }

        Map<String, Object> services = composeServices();
        Map<String, String> targets = new LinkedHashMap<>();
        for (Object job : list(config.get("scrape_configs"))) {
            Map<String, Object> scrape = map(job);
            assertThat(scrape.get("job_name")).isNotNull();
            assertThat(scrape.get("metrics_path")).as("Spring Boot's endpoint").isEqualTo("/actuator/prometheus");
            for (Object group : list(scrape.get("static_configs"))) {
                for (Object target : list(map(group).get("targets"))) {
                    String[] hostPort = String.valueOf(target).split(":");
                    assertThat(hostPort).as(target + " is host:port").hasSize(2);
                    assertThat(targets.put(hostPort[0], hostPort[1])).as(target + " scraped once").isNull();
                }
            }
        }
        Set<String> processes = new TreeSet<>();
        services.forEach((name, service) -> {
            Object build = map(service).get("build");
            if (build instanceof Map<?, ?> b && b.get("args") instanceof Map<?, ?> args && args.containsKey("SERVICE")) {
                processes.add(name);
            }
        });
        assertThat(processes).as("the compose file's own processes")
                .contains("gateway", "topic-service", "meeting-service", "vote-service", "notification-service", "web");
        assertThat(targets.keySet()).as("every target is a compose service, every process is scraped")
                .containsExactlyInAnyOrderElementsOf(processes);
        targets.forEach((host, port) -> {
            Map<String, Object> env = map(map(services.get(host)).get("environment"));
            Object served = env.containsKey("MANAGEMENT_PORT") ? env.get("MANAGEMENT_PORT") : env.get("PORT");
            assertThat(port).as(host + ": the port its metrics are on (the gateway's management port)")
                    .isEqualTo(String.valueOf(served));
        });

        Map<String, Object> prometheus = map(services.get("prometheus"));
        assertThat(String.valueOf(prometheus.get("image"))).startsWith("prom/prometheus:v3.");
        assertThat(list(prometheus.get("volumes"))).contains("./deploy/prometheus:/etc/prometheus:ro");
        assertThat(list(prometheus.get("command"))).contains("--config.file=/etc/prometheus/prometheus.yml");
    }

    @Test
    void everyAlertRuleIsCompleteAndPointsAtItsRunbookEntry() throws IOException {
        List<Map<String, Object>> rules = rules();
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> rule : rules) {
            String alert = String.valueOf(rule.get("alert"));
            assertThat(names.add(alert)).as("alert names are unique: " + alert).isTrue();
            assertThat(rule.get("expr")).as(alert + " expr").isNotNull();
            assertThat(metricNames(String.valueOf(rule.get("expr")))).as(alert + " selects a metric").isNotEmpty();
            assertThat(String.valueOf(rule.get("for"))).as(alert + " for").matches(DURATION);
            Map<String, Object> labels = map(rule.get("labels"));
            assertThat(labels.get("severity")).as(alert + " severity").isIn("critical", "warning");
            Map<String, Object> annotations = map(rule.get("annotations"));
            for (String text : List.of("summary", "description")) {
                assertThat(annotations.get(text)).as(alert + " " + text).isNotNull();
                assertChineseThenEnglish(alert + " " + text, String.valueOf(annotations.get(text)));
            }
            assertThat(RUNBOOK_ANCHORS).as("the runbook anchors listed for the operations guide").containsKey(alert);
            assertThat(annotations.get("runbook")).as(alert + " runbook")
                    .isEqualTo("docs/operations.md#" + RUNBOOK_ANCHORS.get(alert));
        }
        assertThat(names).as("every listed anchor has its alert").isEqualTo(new TreeSet<>(RUNBOOK_ANCHORS.keySet()));
        List<String> headings = Files.readAllLines(Path.of("..", "docs", "operations.md")).stream()
                .filter(line -> line.startsWith("#")).map(line -> line.replaceFirst("^#+\\s*", "")).toList();
        for (String alert : names) {
            assertThat(headings).as("the runbook entry of " + alert + " (anchor #" + RUNBOOK_ANCHORS.get(alert) + ")")
                    .contains("Alert: " + alert);
            assertThat(RUNBOOK_ANCHORS.get(alert)).isEqualTo(("alert-" + alert).toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(names).as("what the issue asks to be alerted on").contains("OutboxStuck", "EventsDeadLettered",
                "ConsumerLagGrowing", "ServiceErrors5xx", "GatewayRouteErrors5xx", "CircuitBreakerOpen", "InstanceDown");
    }

    /** Chinese first, then English: text with Chinese up to its last Chinese character, English words after it. */
    private static void assertChineseThenEnglish(String what, String text) {
        String plain = text.replaceAll("\\{\\{[^}]*}}", " ");
        int lastHan = -1;
        int han = 0;
        for (int i = 0; i < plain.length(); i++) {
            if (Character.UnicodeScript.of(plain.charAt(i)) == Character.UnicodeScript.HAN) {
                lastHan = i;
                han++;
            }
        }
        assertThat(han).as(what + " in Chinese: " + text).isGreaterThanOrEqualTo(4);
        Matcher words = Pattern.compile("\\b[A-Za-z][A-Za-z'-]+\\b").matcher(plain.substring(lastHan + 1));
        int english = 0;
        while (words.find()) {
            english++;
        }
        assertThat(english).as(what + " then in English: " + text).isGreaterThanOrEqualTo(3);
    }

    // ---- Grafana

    @Test
    void theDashboardHasThePanelsAnOperatorNeedsEachQueryingItsDataSource() {
        JsonNode dashboard = dashboard();
        assertThat(dashboard.path("uid").asString("")).isNotBlank();
        assertThat(dashboard.path("title").asString("")).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
        Set<String> datasources = new TreeSet<>();
        for (Object source : list(yaml(GRAFANA.resolve(Path.of("provisioning", "datasources", "datasources.yml")))
                .get("datasources"))) {
            datasources.add(map(source).get("type") + "/" + map(source).get("uid"));
        }

        List<String> titles = new ArrayList<>();
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : panels(dashboard)) {
            String title = panel.path("title").asString("");
            titles.add(title);
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique: " + title).isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title + " fits the 24 columns")
                    .isBetween(1, 24);
            String type = panel.path("type").asString("");
            assertThat(type).as(title).isIn("row", "timeseries", "stat", "gauge", "bargauge", "table", "state-timeline");
            if (type.equals("row")) {
                continue;
            }
            assertThat(panel.path("targets").size()).as(title + " queries something").isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asString("")).as(title + " expr").isNotBlank();
                assertThat(metricNames(target.path("expr").asString())).as(title + " selects a metric").isNotEmpty();
                assertThat(target.path("refId").asString("")).as(title + " refId").isNotBlank();
                JsonNode source = target.path("datasource");
                assertThat(source.path("type").asString("") + "/" + source.path("uid").asString(""))
                        .as(title + ": a provisioned data source").isIn(datasources);
            }
        }
        for (String needed : List.of("traffic", "latency", "errors", "outbox", "lag", "dlt", "ballots", "turnout",
                "votes and supports", "circuit breakers", "jvm heap")) {
            assertThat(titles).as("a panel on " + needed)
                    .anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(needed));
        }
        assertThat(titles).as("traffic per service and per gateway route")
                .anyMatch(t -> t.startsWith("Traffic") && t.contains("per service"))
                .anyMatch(t -> t.startsWith("Traffic") && t.contains("per gateway route"));
        assertThat(String.join("\n", expressions())).as("latency percentiles from the histogram buckets")
                .contains("histogram_quantile(0.5,", "histogram_quantile(0.99,", "http_server_requests_seconds_bucket",
                        "spring_cloud_gateway_requests_seconds_bucket");
    }

    @Test
    void grafanaLoadsTheDashboardAndBothDataSourcesWithoutAnonymousViewers() {
        Map<String, Object> services = composeServices();
        Map<String, Object> grafana = map(services.get("grafana"));
        assertThat(String.valueOf(grafana.get("image"))).startsWith("grafana/grafana:12.");
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object volume : list(grafana.get("volumes"))) {
            String[] parts = String.valueOf(volume).split(":");
            mounts.put(parts[1], parts[0]);
        }
        assertThat(mounts).containsEntry("/etc/grafana/provisioning", "./deploy/grafana/provisioning");

        Map<String, Object> providers = yaml(GRAFANA.resolve(Path.of("provisioning", "dashboards", "dashboards.yml")));
        assertThat(providers.get("apiVersion")).isEqualTo(1);
        List<Object> files = list(providers.get("providers"));
        assertThat(files).hasSize(1);
        Map<String, Object> provider = map(files.get(0));
        assertThat(provider.get("type")).isEqualTo("file");
        String path = String.valueOf(map(provider.get("options")).get("path"));
        assertThat(mounts).as("the provider's folder is mounted from deploy/grafana/dashboards")
                .containsEntry(path, "./deploy/grafana/dashboards");
        assertThat(ROOT.resolve(mounts.get(path)).resolve("shangliang.json")).isRegularFile();

        Map<String, Object> env = map(grafana.get("environment"));
        assertThat(env).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
                .containsEntry("GF_SECURITY_ADMIN_PASSWORD", "${GRAFANA_ADMIN_PASSWORD:-change-me}")
                .containsEntry("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH", path + "/shangliang.json");

        Map<String, Object> sources = yaml(GRAFANA.resolve(Path.of("provisioning", "datasources", "datasources.yml")));
        Map<String, String> urls = new LinkedHashMap<>();
        for (Object source : list(sources.get("datasources"))) {
            urls.put(String.valueOf(map(source).get("type")), String.valueOf(map(source).get("url")));
        }
        assertThat(urls).containsOnlyKeys("prometheus", "jaeger");
        assertThat(URI.create(urls.get("prometheus"))).satisfies(u -> {
            assertThat(services).containsKey(u.getHost());
            assertThat(u.getPort()).isEqualTo(9090);
        });
        assertThat(URI.create(urls.get("jaeger"))).satisfies(u -> {
            assertThat(services).containsKey(u.getHost());
            assertThat(u.getPort()).as("Jaeger's query API and UI").isEqualTo(16686);
        });

        Map<String, Object> jaeger = map(services.get("jaeger"));
        assertThat(String.valueOf(jaeger.get("image"))).startsWith("jaegertracing/jaeger:2.");
        assertThat(list(jaeger.get("expose"))).as("OTLP inside the network").contains("4317", "4318");
        assertThat(list(jaeger.get("ports"))).containsExactly("127.0.0.1:16686:16686");
        assertThat(list(grafana.get("ports"))).containsExactly("127.0.0.1:3000:3000");
        assertThat(list(map(services.get("prometheus")).get("ports"))).containsExactly("127.0.0.1:9090:9090");
    }

    @Test
    void everyShangliangMetricUsedIsInTheOperationsGuide() throws IOException {
        String guide = Files.readString(ROOT.resolve(Path.of("docs", "operations.md")));
        Set<String> ours = new TreeSet<>();
        metricNamesUsed().stream().filter(n -> n.startsWith("shangliang_")).forEach(ours::add);
        assertThat(ours).contains("shangliang_ballots_open", "shangliang_ballot_turnout_ratio",
                "shangliang_outbox_oldest_age_seconds", "shangliang_events_dead_lettered_total");
        for (String name : ours) {
            Matcher documented = Pattern.compile("`" + Pattern.quote(name) + "[`{]").matcher(guide);
            assertThat(documented.find()).as(name + " in docs/operations.md's metrics table").isTrue();
        }
    }
}
