package org.shangliang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Kubernetes manifests (deploy/k8s, issue 16) as files, without a cluster or kubectl: every YAML
 * document of the base and of the production overlay (resources and patches) is read strictly into the
 * Kubernetes API model (fabric8), so a misspelt or misplaced field, a duplicate key or a number where the
 * API wants a string fails here with its file and path instead of being dropped by the API server. Then
 * the deployment's rules: each process has its Deployment (probes, resources, labels, hardening,
 * metrics), Service, disruption budget and autoscaler; the network policies deny by default and admit the
 * services only from the gateway; every credential the pods read is listed in credentials.env.example;
 * kustomize lists every file and patches only what the base has. {@code deploy/k8s/check.sh} builds both
 * with kustomize.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("..", "deploy", "k8s");
    private static final Path BASE = K8S.resolve("base");
    private static final Path PRODUCTION = K8S.resolve("overlays").resolve("production");

    private static final List<String> WORKLOADS = List.of("gateway", "topic-service", "meeting-service", "vote-service",
            "notification-service", "web");
    /** Everything behind the gateway: reached from the gateway only (and Prometheus). */
    private static final List<String> BEHIND_GATEWAY = List.of("topic-service", "meeting-service", "vote-service",
            "notification-service", "web");

    private static final String NAME = "app.kubernetes.io/name";
    private static final String PART_OF = "app.kubernetes.io/part-of";
    private static final String COMPONENT = "app.kubernetes.io/component";
    private static final String CONFIG = "shangliang-config";
    private static final String CREDENTIALS = "shangliang-credentials";
    private static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";

    /** The kinds this deployment uses, by apiVersion/kind; anything else is a mistake (or needs adding here). */
    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    /** The fields a kustomization.yaml of this deployment may use (kustomize itself refuses unknown ones). */
    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
            "configMapGenerator", "secretGenerator", "generatorOptions", "patches", "images", "components");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A YAML document read into the model: where it came from and what it says. */
    record Manifest(Path file, int document, HasMetadata resource) {
        String kind() {
            return resource.getKind();
        }

        String name() {
            return resource.getMetadata() == null ? null : resource.getMetadata().getName();
        }

        String where() {
            return K8S.relativize(file) + " (document " + document + ", " + kind() + " " + name() + ")";
        }
    }

    private static Map<String, Object> baseKustomization;
    private static Map<String, Object> productionKustomization;
    private static List<Manifest> base;
    private static List<Manifest> productionResources;
    private static List<Manifest> productionPatches;
    /** What the strict reading found wrong, file and field each. */
    private static final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void readEveryManifest() {
        baseKustomization = kustomization(BASE);
        productionKustomization = kustomization(PRODUCTION);
        base = read(BASE, yamlFiles(strings(baseKustomization.get("resources"))));
        productionResources = read(PRODUCTION, yamlFiles(strings(productionKustomization.get("resources")).stream()
                .filter(resource -> !resource.equals("../../base")).toList()));
        productionPatches = read(PRODUCTION, patchFiles(productionKustomization));
    }

    // --- every document strictly -------------------------------------------------------------------------

    @Test
    void everyDocumentOfEveryManifestIsReadStrictlyIntoTheKubernetesModel() throws IOException {
        assertThat(problems).as("fields the Kubernetes API does not know, or values it reads differently").isEmpty();
        assertThat(base).as("base resources").hasSizeGreaterThanOrEqualTo(WORKLOADS.size() * 4);
        assertThat(productionPatches).as("production patches").isNotEmpty();

        // nothing under deploy/k8s escapes the reading: every YAML file is a kustomization or was read above
        Set<Path> read = Stream.of(base, productionResources, productionPatches).flatMap(List::stream)
                .map(manifest -> manifest.file().normalize()).collect(Collectors.toSet());
        try (Stream<Path> files = Files.walk(K8S)) {
            List<Path> unread = files.filter(file -> file.toString().matches(".*\\.ya?ml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                    .map(Path::normalize).filter(file -> !read.contains(file)).toList();
            assertThat(unread).as("YAML files no kustomization lists (so never read nor applied)").isEmpty();
        }
    }

    @Test
    void theStrictReadingRefusesUnknownFieldsDuplicateKeysAndNumbersForStrings() {
        List<String> found = new ArrayList<>();
        strictly(Path.of("probe.yaml"), 1, yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - name: x
                          livenessProbe: {httpGet: {path: /livez, port: http}, periodSeconds: 10}
                          readinessprobe: {httpGet: {path: /readyz, port: http}}
                          env: [{name: PORT, value: 8080}]
                """).get(0), found);
        assertThat(found).anyMatch(problem -> problem.contains("spec.template.spec.containers[0].readinessprobe"))
                .anyMatch(problem -> problem.contains("spec.template.spec.containers[0].env[0].value"));
        assertThat(found).noneMatch(problem -> problem.contains("livenessProbe"));

        try {
            yaml("a: 1\na: 2\n");
            throw new AssertionError("a duplicate key was accepted");
        } catch (RuntimeException expected) {
            assertThat(expected).hasMessageContaining("duplicate key");
        }
    }

    // --- the workloads -------------------------------------------------------------------------------------

    @Test
    void everyProcessHasAHardenedProbedDeploymentWithResourcesLabelsAndMetrics() {
        Map<String, String> commonLabels = commonLabels(baseKustomization, false);
        Map<String, String> commonTemplateLabels = commonLabels(baseKustomization, true);
        assertThat(commonLabels).as("base kustomization labels").containsEntry(PART_OF, "shangliang");
        assertThat(commonTemplateLabels).as("base kustomization labels with includeTemplates").containsEntry(PART_OF,
                "shangliang");
        assertThat(baseKustomization.get("namespace")).isEqualTo("shangliang");
        assertThat(productionKustomization.get("namespace")).isEqualTo("shangliang");

        for (String name : WORKLOADS) {
            Deployment deployment = one(base, Deployment.class, name);
            String as = "Deployment " + name + ": ";
            Map<String, String> labels = merged(commonLabels, deployment.getMetadata().getLabels());
            assertThat(labels).as(as + "labels").containsEntry(NAME, name).containsEntry(PART_OF, "shangliang")
                    .containsKey(COMPONENT);
            PodTemplateSpec template = deployment.getSpec().getTemplate();
            Map<String, String> podLabels = merged(commonTemplateLabels, template.getMetadata().getLabels());
            assertThat(podLabels).as(as + "pod labels").containsEntry(NAME, name).containsEntry(PART_OF, "shangliang")
                    .containsEntry(COMPONENT, labels.get(COMPONENT));
            assertThat(matches(deployment.getSpec().getSelector(), podLabels)).as(as + "selector matches its pods").isTrue();
            assertThat(deployment.getSpec().getReplicas()).as(as + "replicas").isNotNull().isGreaterThanOrEqualTo(2);

            PodSpec pod = template.getSpec();
            assertThat(pod.getContainers()).as(as + "containers").hasSize(1);
            Container container = pod.getContainers().get(0);
            assertThat(container.getImage()).as(as + "image").isEqualTo("shangliang/" + name);
            assertThat(port(container, "http")).as(as + "container port http").isEqualTo(8080);

            assertHttpProbe(as + "liveness", container, container.getLivenessProbe(), "/livez");
            assertHttpProbe(as + "readiness", container, container.getReadinessProbe(), "/readyz");
            assertHttpProbe(as + "startup", container, container.getStartupProbe(), "/livez");
            Probe startup = container.getStartupProbe();
            assertThat(startup.getFailureThreshold() * Optional.ofNullable(startup.getPeriodSeconds()).orElse(10))
                    .as(as + "seconds the startup probe waits (Spring Boot takes 20-40 s)").isGreaterThanOrEqualTo(90);

            ResourceRequirements resources = container.getResources();
            assertThat(resources).as(as + "resources").isNotNull();
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = resources.getRequests().get(resource);
                Quantity limit = resources.getLimits().get(resource);
                assertThat(request).as(as + resource + " request").isNotNull();
                assertThat(limit).as(as + resource + " limit").isNotNull();
                assertThat(Quantity.getAmountInBytes(request)).as(as + resource + " request within its limit")
                        .isLessThanOrEqualTo(Quantity.getAmountInBytes(limit));
            }

            Map<String, String> env = plainEnv(container);
            assertThat(env.get("JAVA_TOOL_OPTIONS")).as(as + "JAVA_TOOL_OPTIONS").contains("-XX:MaxRAMPercentage=75")
                    .contains("-Dfile.encoding=UTF-8");
            assertThat(env).as(as + "env").containsEntry("PORT", "8080");

            SecurityContext security = container.getSecurityContext();
            assertThat(security).as(as + "container securityContext").isNotNull();
            boolean nonRoot = Boolean.TRUE.equals(security.getRunAsNonRoot()) || (pod.getSecurityContext() != null
                    && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot()));
            assertThat(nonRoot).as(as + "runAsNonRoot").isTrue();
            assertThat(security.getReadOnlyRootFilesystem()).as(as + "readOnlyRootFilesystem").isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(as + "allowPrivilegeEscalation").isFalse();
            assertThat(security.getCapabilities().getDrop()).as(as + "capabilities dropped").contains("ALL");
            VolumeMount tmp = container.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals("/tmp"))
                    .findFirst().orElseThrow(() -> new AssertionError(as + "no volume at /tmp"));
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(as + "no volume " + tmp.getName()));
            assertThat(volume.getEmptyDir()).as(as + "/tmp is an emptyDir").isNotNull();

            Map<String, String> annotations = template.getMetadata().getAnnotations();
            int metricsPort = name.equals("gateway") ? 8081 : 8080;
            assertThat(annotations).as(as + "Prometheus annotations").containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", String.valueOf(metricsPort))
                    .containsEntry("prometheus.io/path", "/actuator/prometheus");
            assertThat(container.getPorts()).as(as + "the metrics port is a container port")
                    .anyMatch(p -> p.getContainerPort() == metricsPort);
        }

        Container gateway = one(base, Deployment.class, "gateway").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(port(gateway, "management")).as("the gateway's management port").isEqualTo(8081);
        assertThat(plainEnv(gateway)).containsEntry("MANAGEMENT_PORT", "8081").containsEntry("MANAGEMENT_ADDRESS", "0.0.0.0");
    }

    @Test
    void everyProcessHasAClusterIpServiceADisruptionBudgetAndAnAutoscaler() {
        for (String name : WORKLOADS) {
            Deployment deployment = one(base, Deployment.class, name);
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

            Service service = one(base, Service.class, name);
            assertThat(service.getSpec().getType()).as("Service " + name + " type").isEqualTo("ClusterIP");
            assertThat(matches(service.getSpec().getSelector(), podLabels)).as("Service " + name + " selects its pods").isTrue();
            ServicePort http = service.getSpec().getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError("Service " + name + " has no port http"));
            assertThat(http.getPort()).isEqualTo(8080);
            assertThat(resolve(container, http.getTargetPort())).as("Service " + name + " target port").isEqualTo(8080);

            PodDisruptionBudget budget = one(base, PodDisruptionBudget.class, name);
            assertThat(matches(budget.getSpec().getSelector(), podLabels)).as("PDB " + name + " selects the pods").isTrue();
            assertThat(budget.getSpec().getMinAvailable()).as("PDB " + name + " minAvailable").isNotNull();
            assertThat(budget.getSpec().getMinAvailable().getIntVal()).as("PDB " + name + " minAvailable").isEqualTo(1);

            HorizontalPodAutoscaler autoscaler = one(base, HorizontalPodAutoscaler.class, name);
            assertThat(autoscaler.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
            assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).as("HPA " + name + " target").isEqualTo(name);
            assertThat(autoscaler.getSpec().getMetrics()).as("HPA " + name + " scales on CPU utilisation").anyMatch(this::cpuUtilisation);
        }
        assertThat(base.stream().filter(m -> m.resource() instanceof Service).map(m -> ((Service) m.resource()).getSpec().getType()))
                .as("no Service is exposed outside the cluster (the Ingress is the way in)").containsOnly("ClusterIP");
    }

    @Test
    void replicasAreAtLeastTwoAndEqualTheAutoscalersMinimumInBaseAndInProduction() {
        for (String name : WORKLOADS) {
            int replicas = one(base, Deployment.class, name).getSpec().getReplicas();
            HorizontalPodAutoscaler autoscaler = one(base, HorizontalPodAutoscaler.class, name);
            int minimum = autoscaler.getSpec().getMinReplicas();
            int maximum = autoscaler.getSpec().getMaxReplicas();
            assertScaling("base " + name, replicas, minimum, maximum);

            replicas = patched(Deployment.class, name).map(d -> d.getSpec().getReplicas()).orElse(replicas);
            Optional<HorizontalPodAutoscaler> production = patched(HorizontalPodAutoscaler.class, name);
            minimum = production.map(h -> h.getSpec().getMinReplicas()).orElse(minimum);
            maximum = production.map(h -> h.getSpec().getMaxReplicas()).orElse(maximum);
            assertScaling("production " + name, replicas, minimum, maximum);
        }
        assertThat(productionPatches).as("production runs more of some processes").anyMatch(m -> m.resource() instanceof Deployment);
    }

    // --- the network ---------------------------------------------------------------------------------------

    @Test
    void theNetworkPoliciesDenyByDefaultAndAdmitTheServicesOnlyFromTheGatewayAndPrometheus() {
        List<NetworkPolicy> policies = all(base, NetworkPolicy.class);
        assertThat(policies).as("a policy denying all ingress in the namespace").anyMatch(policy ->
                empty(policy.getSpec().getPodSelector()) && policy.getSpec().getPolicyTypes().contains("Ingress")
                        && policy.getSpec().getIngress().isEmpty());

        Map<String, String> gatewayPods = podLabels("gateway");
        for (String name : BEHIND_GATEWAY) {
            Map<String, String> pods = podLabels(name);
            boolean fromGateway = false;
            for (NetworkPolicy policy : selecting(policies, pods)) {
                for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                    String where = "NetworkPolicy " + policy.getMetadata().getName() + " for " + name;
                    assertThat(rule.getFrom()).as(where + ": a rule without 'from' admits everyone").isNotEmpty();
                    assertThat(rule.getPorts()).as(where + ": a rule without ports admits every port").isNotEmpty();
                    assertThat(ports(rule)).as(where + ": only port 8080").containsOnly(8080);
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        boolean gateway = peer.getNamespaceSelector() == null && peer.getIpBlock() == null
                                && peer.getPodSelector() != null && !empty(peer.getPodSelector())
                                && selectsOnly(peer.getPodSelector(), gatewayPods);
                        assertThat(gateway || prometheus(peer)).as(where + ": admits " + peer
                                + " (only the gateway and Prometheus may reach it)").isTrue();
                        fromGateway |= gateway;
                    }
                }
            }
            assertThat(fromGateway).as(name + " is reachable from the gateway").isTrue();
        }

        boolean fromIngressController = false;
        boolean metricsFromPrometheus = false;
        for (NetworkPolicy policy : selecting(policies, gatewayPods)) {
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                String where = "NetworkPolicy " + policy.getMetadata().getName() + " for the gateway";
                assertThat(rule.getFrom()).as(where + ": a rule without 'from' admits everyone").isNotEmpty();
                assertThat(rule.getPorts()).as(where + ": a rule without ports admits every port").isNotEmpty();
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    boolean ingressController = namespace(peer, "ingress-nginx");
                    boolean web = peer.getNamespaceSelector() == null && peer.getIpBlock() == null
                            && peer.getPodSelector() != null && !empty(peer.getPodSelector())
                            && selectsOnly(peer.getPodSelector(), podLabels("web"));
                    if (ingressController || web) {
                        assertThat(ports(rule)).as(where + ": the public port only").containsOnly(8080);
                    } else {
                        assertThat(prometheus(peer)).as(where + ": admits " + peer).isTrue();
                        assertThat(ports(rule)).as(where + ": Prometheus reaches the management port only").containsOnly(8081);
                        metricsFromPrometheus = true;
                    }
                    fromIngressController |= ingressController;
                }
            }
        }
        assertThat(fromIngressController).as("the ingress controller reaches the gateway").isTrue();
        assertThat(metricsFromPrometheus).as("Prometheus reaches the gateway's management port").isTrue();
    }

    @Test
    void productionIsReachedThroughOneTlsIngressToTheGateway() throws IOException {
        List<Ingress> ingresses = all(productionResources, Ingress.class);
        assertThat(ingresses).hasSize(1);
        Ingress ingress = ingresses.get(0);
        assertThat(ingress.getSpec().getTls()).as("TLS").isNotEmpty();
        Set<String> tlsHosts = ingress.getSpec().getTls().stream().map(IngressTLS::getHosts).flatMap(List::stream)
                .collect(Collectors.toSet());
        for (IngressRule rule : ingress.getSpec().getRules()) {
            assertThat(tlsHosts).as("a certificate for " + rule.getHost()).contains(rule.getHost());
            rule.getHttp().getPaths().forEach(path -> {
                assertThat(path.getBackend().getService().getName()).as("the Ingress leads to the gateway only").isEqualTo("gateway");
                assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
            });
        }
        // the address people open is the Ingress's host (e-mail links, Keycloak's way back to the pages)
        Map<String, String> config = merged(env(BASE.resolve("config.env")), env(PRODUCTION.resolve("config.env")));
        assertThat(config.get("SITE_URL")).isEqualTo("https://" + ingress.getSpec().getRules().get(0).getHost());
    }

    // --- configuration and credentials ---------------------------------------------------------------------

    @Test
    void everySecretKeyRefNamesAKeyOfTheExampleCredentialsAndEveryConfigKeyExists() throws IOException {
        Map<String, String> example = env(PRODUCTION.resolve("credentials.env.example"));
        Map<String, String> config = env(BASE.resolve("config.env"));
        assertThat(example.values()).as("credentials.env.example holds no real secret").allMatch(String::isEmpty);
        assertThat(env(PRODUCTION.resolve("config.env")).keySet()).as("production settings the base does not have (a typo?)")
                .isSubsetOf(config.keySet());

        Set<String> secretKeys = new TreeSet<>();
        for (Manifest manifest : Stream.of(base, productionResources, productionPatches).flatMap(List::stream).toList()) {
            for (Container container : containers(manifest)) {
                String where = manifest.where() + " container " + container.getName();
                assertThat(container.getEnvFrom()).as(where + ": envFrom hides which keys a pod reads").isEmpty();
                List<String> defined = new ArrayList<>();
                for (EnvVar variable : container.getEnv()) {
                    if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                        var ref = variable.getValueFrom().getSecretKeyRef();
                        assertThat(ref.getName()).as(where + " " + variable.getName()).isEqualTo(CREDENTIALS);
                        assertThat(example).as(where + " " + variable.getName() + " reads a key credentials.env.example lists")
                                .containsKey(ref.getKey());
                        secretKeys.add(ref.getKey());
                    }
                    if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = variable.getValueFrom().getConfigMapKeyRef();
                        assertThat(ref.getName()).as(where + " " + variable.getName()).isEqualTo(CONFIG);
                        assertThat(config).as(where + " " + variable.getName() + " reads a key of base/config.env")
                                .containsKey(ref.getKey());
                    }
                    // Kubernetes leaves $(NAME) as it is when NAME is not defined above it
                    if (variable.getValue() != null) {
                        Matcher reference = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(variable.getValue());
                        while (reference.find()) {
                            assertThat(defined).as(where + " " + variable.getName() + " refers to $(" + reference.group(1)
                                    + "), which must be defined before it").contains(reference.group(1));
                        }
                    }
                    defined.add(variable.getName());
                }
            }
        }
        assertThat(secretKeys).as("credentials.env.example lists only keys a pod reads").isEqualTo(example.keySet());

        List<Map<String, Object>> generators = maps(productionKustomization.get("secretGenerator"));
        assertThat(generators).as("the production Secret").anySatisfy(generator -> {
            assertThat(generator.get("name")).isEqualTo(CREDENTIALS);
            assertThat(strings(generator.get("envs"))).containsExactly("credentials.env");
        });
        assertThat(Files.readAllLines(PRODUCTION.resolve(".gitignore"))).as("git ignores the real credentials")
                .contains("credentials.env");
        assertThat(maps(baseKustomization.get("configMapGenerator"))).anySatisfy(generator -> {
            assertThat(generator.get("name")).isEqualTo(CONFIG);
            assertThat(strings(generator.get("envs"))).containsExactly("config.env");
        });
        assertThat(maps(productionKustomization.get("configMapGenerator"))).allSatisfy(generator ->
                assertThat(generator.get("behavior")).as("the production settings are merged over the base's").isEqualTo("merge"));
    }

    // --- kustomize -----------------------------------------------------------------------------------------

    @Test
    void kustomizeListsEveryFileAndTheOverlayPatchesOnlyWhatTheBaseHas() throws IOException {
        assertThat(listed(baseKustomization)).as("every file in base/ is listed in base/kustomization.yaml")
                .containsAll(filesIn(BASE, Set.of("kustomization.yaml")));
        assertThat(listed(productionKustomization)).as("every file of the production overlay is listed in its kustomization")
                .containsAll(filesIn(PRODUCTION, Set.of("kustomization.yaml", ".gitignore", "credentials.env.example",
                        "credentials.env")));
        assertThat(strings(productionKustomization.get("resources"))).contains("../../base");

        Set<String> inBase = base.stream().map(m -> m.kind() + "/" + m.name()).collect(Collectors.toSet());
        for (Manifest patch : productionPatches) {
            assertThat(inBase).as(patch.where() + " patches a resource of the base").contains(patch.kind() + "/" + patch.name());
        }
        for (Map<String, Object> patch : maps(productionKustomization.get("patches"))) {
            assertThat(patch).as("patches are files (read and checked here), not inline").containsKey("path")
                    .doesNotContainKey("patch");
            if (patch.get("target") instanceof Map<?, ?> target) {
                assertThat(inBase).as("patch target " + target).contains(target.get("kind") + "/" + target.get("name"));
            }
        }

        Set<String> images = maps(baseKustomization.get("images")).stream().map(image -> (String) image.get("name"))
                .collect(Collectors.toSet());
        for (String name : WORKLOADS) {
            assertThat(images).as("base kustomization sets the tag of shangliang/" + name).contains("shangliang/" + name);
        }
        assertThat(maps(baseKustomization.get("images"))).allMatch(image -> image.get("newTag") != null);
        for (Map<String, Object> image : maps(productionKustomization.get("images"))) {
            assertThat(images).as("production image " + image.get("name")).contains((String) image.get("name"));
        }
    }

    // --- reading ------------------------------------------------------------------------------------------

    private static Map<String, Object> kustomization(Path folder) {
        List<Map<String, Object>> documents = yaml(read(folder.resolve("kustomization.yaml")));
        assertThat(documents).as(folder + "/kustomization.yaml").hasSize(1);
        Map<String, Object> kustomization = documents.get(0);
        assertThat(kustomization.keySet()).as(folder + "/kustomization.yaml fields").isSubsetOf(KUSTOMIZATION_FIELDS);
        assertThat(kustomization.get("kind")).isEqualTo("Kustomization");
        return kustomization;
    }

    private static List<Manifest> read(Path folder, List<String> files) {
        List<Manifest> manifests = new ArrayList<>();
        for (String name : files) {
            Path file = folder.resolve(name);
            List<Map<String, Object>> documents = yaml(read(file));
            assertThat(documents).as(file + " has documents").isNotEmpty();
            for (int i = 0; i < documents.size(); i++) {
                manifests.add(new Manifest(file, i + 1, strictly(file, i + 1, documents.get(i), problems)));
            }
        }
        return manifests;
    }

    /**
     * One YAML document into its model class, strictly: fabric8 keeps fields it does not know in
     * {@code additionalProperties} (so the whole object graph is searched for them), and converts a value
     * of the wrong type where it can (so the model, written back, must equal the document).
     */
    private static HasMetadata strictly(Path file, int document, Map<String, Object> yaml, List<String> found) {
        JsonNode input = JSON.valueToTree(yaml);
        String where = file + " (document " + document + ")";
        String type = input.path("apiVersion").asString() + "/" + input.path("kind").asString();
        Class<? extends HasMetadata> model = MODELS.get(type);
        if (model == null) {
            throw new AssertionError(where + ": " + type + " is not a kind of this deployment");
        }
        HasMetadata resource;
        try {
            resource = JSON.treeToValue(input, model);
        } catch (JacksonException e) {
            throw new AssertionError(where + ": not a " + type + ": " + e.getMessage(), e);
        }
        where += " " + type + " " + resource.getMetadata().getName();
        List<String> unknown = new ArrayList<>();
        unknownFields(resource, "", unknown);
        for (String field : unknown) {
            found.add(where + ": unknown field " + field);
        }
        String difference = firstDifference(input, JSON.valueToTree(resource), "");
        if (difference != null) {
            found.add(where + ": " + difference);
        }
        return resource;
    }

    /** Walks the model's fields; a non-empty {@code additionalProperties} anywhere is a field the API does not know. */
    private static void unknownFields(Object value, String path, List<String> found) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> unknownFields(child, path + "." + key, found));
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", found);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object child;
                try {
                    child = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties")) {
                    if (child instanceof Map<?, ?> extra) {
                        extra.keySet().forEach(key -> found.add((path + "." + key).substring(1)));
                    }
                } else {
                    JsonProperty property = field.getAnnotation(JsonProperty.class);
                    String name = property != null && !property.value().isEmpty() ? property.value() : field.getName();
                    unknownFields(child, path + "." + name, found);
                }
            }
        }
    }

    /** The first place where the model written back differs from the document, or null. */
    private static String firstDifference(JsonNode expected, JsonNode actual, String path) {
        String at = path.isEmpty() ? "(top)" : path.substring(1);
        if (expected.isObject() && actual.isObject()) {
            for (String name : expected.propertyNames()) {
                if (!actual.has(name)) {
                    return (path + "." + name).substring(1) + " is not read by the model (misplaced?)";
                }
                String difference = firstDifference(expected.get(name), actual.get(name), path + "." + name);
                if (difference != null) {
                    return difference;
                }
            }
            for (String name : actual.propertyNames()) {
                if (!expected.has(name)) {
                    return (path + "." + name).substring(1) + " appears in the model but not in the file";
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                String difference = firstDifference(expected.get(i), actual.get(i), path + "[" + i + "]");
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (expected.isIntegralNumber() && actual.isIntegralNumber()
                && expected.bigIntegerValue().equals(actual.bigIntegerValue())) {
            return null;
        }
        if (expected.equals(actual)) {
            return null;
        }
        return at + ": " + expected + " in the file is read as " + actual + " (a string must be quoted)";
    }

    /** Every document of a YAML text; duplicate keys are refused (SnakeYAML would keep the last silently). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(options)).loadAll(text)) {
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map<?, ?>)) {
                throw new AssertionError("a YAML document that is not a mapping: " + document);
            }
            documents.add((Map<String, Object>) document);
        }
        return documents;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** KEY=value lines of an env file (as kustomize reads them), without comments and blank lines. */
    private static Map<String, String> env(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            assertThat(equals).as(file + ": " + line).isPositive();
            assertThat(values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1)))
                    .as(file + ": " + trimmed.substring(0, equals) + " twice").isNull();
        }
        return values;
    }

    private static List<String> yamlFiles(List<String> resources) {
        resources.forEach(resource -> assertThat(resource).as("resources are YAML files").matches(".*\\.ya?ml"));
        return resources;
    }

    private static List<String> patchFiles(Map<String, Object> kustomization) {
        return maps(kustomization.get("patches")).stream().map(patch -> (String) patch.get("path")).filter(Objects::nonNull)
                .toList();
    }

    /** Every file a kustomization names: resources, generators' env files and patches. */
    private static Set<String> listed(Map<String, Object> kustomization) {
        Set<String> files = new TreeSet<>(strings(kustomization.get("resources")));
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            for (Map<String, Object> entry : maps(kustomization.get(generator))) {
                files.addAll(strings(entry.get("envs")));
                files.addAll(strings(entry.get("files")));
            }
        }
        files.addAll(patchFiles(kustomization));
        return files;
    }

    private static Set<String> filesIn(Path folder, Set<String> except) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
                    .filter(name -> !except.contains(name)).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** The labels a kustomization's {@code labels} put on every resource, or on pod templates. */
    private static Map<String, String> commonLabels(Map<String, Object> kustomization, boolean templates) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map<String, Object> entry : maps(kustomization.get("labels"))) {
            if (!templates || Boolean.TRUE.equals(entry.get("includeTemplates")) || Boolean.TRUE.equals(entry.get("includeSelectors"))) {
                @SuppressWarnings("unchecked")
                Map<String, String> pairs = (Map<String, String>) entry.get("pairs");
                labels.putAll(pairs);
            }
        }
        return labels;
    }

    // --- the model ----------------------------------------------------------------------------------------

    private static <T extends HasMetadata> List<T> all(List<Manifest> manifests, Class<T> type) {
        return manifests.stream().map(Manifest::resource).filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T one(List<Manifest> manifests, Class<T> type, String name) {
        List<T> found = all(manifests, type).stream().filter(r -> name.equals(r.getMetadata().getName())).toList();
        assertThat(found).as(type.getSimpleName() + " " + name).hasSize(1);
        return found.get(0);
    }

    private static <T extends HasMetadata> Optional<T> patched(Class<T> type, String name) {
        return all(productionPatches, type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    private static List<Container> containers(Manifest manifest) {
        if (manifest.resource() instanceof Deployment deployment && deployment.getSpec() != null
                && deployment.getSpec().getTemplate() != null && deployment.getSpec().getTemplate().getSpec() != null) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            return Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList();
        }
        return List.of();
    }

    private static Map<String, String> podLabels(String workload) {
        return merged(commonLabels(baseKustomization, true),
                one(base, Deployment.class, workload).getSpec().getTemplate().getMetadata().getLabels());
    }

    private static Map<String, String> plainEnv(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.getEnv().stream().filter(v -> v.getValue() != null).forEach(v -> env.put(v.getName(), v.getValue()));
        return env;
    }

    private static Integer port(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElse(null);
    }

    /** A port given as a number or as the name of a container port. */
    private static Integer resolve(Container container, IntOrString port) {
        if (port == null) {
            return null;
        }
        return port.getIntVal() != null ? port.getIntVal() : port(container, port.getStrVal());
    }

    private static void assertHttpProbe(String as, Container container, Probe probe, String path) {
        assertThat(probe).as(as + " probe").isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(as + " probe is an HTTP GET").isNotNull();
        assertThat(get.getPath()).as(as + " probe path").isEqualTo(path);
        assertThat(resolve(container, get.getPort())).as(as + " probe port").isEqualTo(8080);
    }

    private static void assertScaling(String as, int replicas, int minimum, int maximum) {
        assertThat(replicas).as(as + " replicas").isGreaterThanOrEqualTo(2);
        assertThat(minimum).as(as + " autoscaler minReplicas").isGreaterThanOrEqualTo(2);
        assertThat(replicas).as(as + " replicas equal the autoscaler's minimum (an apply never scales below it)")
                .isEqualTo(minimum);
        assertThat(maximum).as(as + " autoscaler maxReplicas").isGreaterThan(minimum);
    }

    private boolean cpuUtilisation(MetricSpec metric) {
        return "Resource".equals(metric.getType()) && metric.getResource() != null
                && "cpu".equals(metric.getResource().getName())
                && "Utilization".equals(metric.getResource().getTarget().getType())
                && metric.getResource().getTarget().getAverageUtilization() != null;
    }

    private static Map<String, String> merged(Map<String, String> first, Map<String, String> second) {
        Map<String, String> all = new LinkedHashMap<>(first);
        if (second != null) {
            all.putAll(second);
        }
        return all;
    }

    // --- selectors and policies -----------------------------------------------------------------------------

    private static boolean empty(LabelSelector selector) {
        return selector == null || (selector.getMatchLabels().isEmpty() && selector.getMatchExpressions().isEmpty());
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** Whether a label selector selects a pod with these labels (matchLabels and matchExpressions). */
    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (!labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
            String value = labels.get(requirement.getKey());
            boolean holds = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown operator " + requirement.getOperator());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** A pod selector that selects these pods and none of the other workloads'. */
    private static boolean selectsOnly(LabelSelector selector, Map<String, String> pods) {
        return matches(selector, pods) && WORKLOADS.stream().map(KubernetesManifestsTest::podLabels)
                .filter(other -> !other.equals(pods)).noneMatch(other -> matches(selector, other));
    }

    private static List<NetworkPolicy> selecting(List<NetworkPolicy> policies, Map<String, String> pods) {
        return policies.stream().filter(policy -> matches(policy.getSpec().getPodSelector(), pods)
                || empty(policy.getSpec().getPodSelector())).toList();
    }

    private static Set<Integer> ports(NetworkPolicyIngressRule rule) {
        Set<Integer> ports = new TreeSet<>();
        for (NetworkPolicyPort port : rule.getPorts()) {
            assertThat(port.getPort()).as("policy ports are numbers (a named port could mean another one)").isNotNull();
            assertThat(port.getPort().getIntVal()).as("policy port " + port.getPort()).isNotNull();
            assertThat(port.getEndPort()).as("no port ranges").isNull();
            ports.add(port.getPort().getIntVal());
        }
        return ports;
    }

    /** Any pod of exactly this namespace, by its automatic name label. */
    private static boolean namespace(NetworkPolicyPeer peer, String name) {
        return peer.getIpBlock() == null && peer.getNamespaceSelector() != null
                && Map.of(NAMESPACE_LABEL, name).equals(peer.getNamespaceSelector().getMatchLabels())
                && peer.getNamespaceSelector().getMatchExpressions().isEmpty();
    }

    private static boolean prometheus(NetworkPolicyPeer peer) {
        return namespace(peer, "monitoring");
    }
}
