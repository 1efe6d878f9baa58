package io.envwatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.envwatch.stream.JobSettings;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests (infra/kubernetes), checked without a cluster: what they reference exists
 * (images, secrets, config maps and their keys, services), and what they tell the job and Flink is
 * something the job and Flink 2.3 take.
 */
class KubernetesManifestsTest {
    private static final Path DIR = Path.of("kubernetes");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<JsonNode> DOCS = new ArrayList<>();
    /** Secrets and config maps by name, with their keys: the README's kubectl create lines. */
    private static final Map<String, Set<String>> CREATED = new HashMap<>();

    private static String readme;

    @BeforeAll
    static void load() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                YAML.readerFor(JsonNode.class).readValues(file.toFile()).forEachRemaining(d -> DOCS.add((JsonNode) d));
            }
        }
        readme = Files.readString(DIR.resolve("README.md"));
        Matcher create = Pattern.compile(
                        "kubectl -n envwatch create (secret generic|configmap) (\\S+)((?: --from-\\S+)+)")
                .matcher(readme);
        while (create.find()) {
            Set<String> keys = new HashSet<>();
            for (String source : create.group(3).trim().split(" ")) {
                String[] kv = source.substring(source.indexOf('=') + 1).split("=", 2);
                keys.add(kv[0]);
                if (source.startsWith("--from-file=")) {
                    assertThat(Path.of("..", kv[1])).as(create.group(0)).isRegularFile();
                }
            }
            CREATED.put(kind(create.group(1)) + "/" + create.group(2), keys);
        }
    }

    private static String kind(String kubectlKind) {
        return kubectlKind.startsWith("secret") ? "Secret" : "ConfigMap";
    }

    private static JsonNode deployment() {
        return DOCS.stream()
                .filter(d -> d.path("kind").asText().equals("FlinkDeployment"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everySecretAndConfigMapAndKeyTheManifestsUseIsCreated() {
        assertThat(CREATED)
                .containsKeys("Secret/envwatch-job", "ConfigMap/envwatch-registry", "ConfigMap/mosquitto-config");
        List<String> used = new ArrayList<>();
        for (JsonNode doc : DOCS) {
            walk(doc, node -> {
                if (node.has("secretKeyRef")) {
                    JsonNode ref = node.get("secretKeyRef");
                    used.add("Secret/" + ref.path("name").asText() + ":"
                            + ref.path("key").asText());
                }
                if (node.has("volumes") && node.has("containers")) {
                    Map<String, String> volumes = new HashMap<>();
                    node.get("volumes").forEach(v -> {
                        if (v.has("configMap")) {
                            volumes.put(
                                    v.path("name").asText(),
                                    "ConfigMap/"
                                            + v.path("configMap").path("name").asText());
                        } else if (v.has("secret")) {
                            volumes.put(
                                    v.path("name").asText(),
                                    "Secret/"
                                            + v.path("secret")
                                                    .path("secretName")
                                                    .asText());
                        }
                    });
                    node.get("containers")
                            .forEach(c -> c.path("volumeMounts").forEach(m -> {
                                String source = volumes.get(m.path("name").asText());
                                if (source != null) {
                                    used.add(source
                                            + (m.has("subPath")
                                                    ? ":" + m.path("subPath").asText()
                                                    : ""));
                                }
                            }));
                }
            });
        }
        assertThat(used)
                .contains(
                        "Secret/envwatch-job:mqtt-password",
                        "ConfigMap/envwatch-registry",
                        "Secret/mosquitto-passwd:passwd");
        for (String use : used) {
            String[] parts = use.split(":", 2);
            assertThat(CREATED).as(use).containsKey(parts[0]);
            if (parts.length == 2) {
                assertThat(CREATED.get(parts[0])).as(use).contains(parts[1]);
            }
        }
    }

    @Test
    void everyImageIsBuiltHereOrTheComposeStacks() throws IOException {
        JsonNode compose = YAML.readTree(Path.of("docker-compose.yml").toFile());
        Set<String> known = new HashSet<>();
        compose.path("services").forEach(s -> known.add(s.path("image").asText()));
        Matcher built = Pattern.compile("docker build -f infra/kubernetes/Dockerfile -t (\\S+) \\.")
                .matcher(readme);
        assertThat(built.find()).as("the README builds the job image").isTrue();
        known.add(built.group(1));
        List<String> images = new ArrayList<>();
        DOCS.forEach(d -> walk(d, n -> {
            if (n.has("image") && n.get("image").isTextual()) {
                images.add(n.get("image").asText());
            }
        }));
        assertThat(images).contains(built.group(1), "eclipse-mosquitto:2.0", "influxdb:2.7");
        assertThat(known).containsAll(images);

        String dockerfile = Files.readString(DIR.resolve("Dockerfile"));
        assertThat(dockerfile)
                .as("the job image is the compose stack's Flink")
                .contains("FROM "
                        + compose.path("services")
                                .path("jobmanager")
                                .path("image")
                                .asText() + "\n");
        String jar = URI.create(
                        deployment().path("spec").path("job").path("jarURI").asText())
                .getPath();
        assertThat(dockerfile).contains("COPY stream-jobs/target/envwatch-job.jar " + jar + "\n");
    }

    @Test
    void theJobsArgumentsAndVariablesAreItsSettings() {
        List<String> args = new ArrayList<>();
        deployment().path("spec").path("job").path("args").forEach(a -> args.add(a.asText()));
        Map<String, String> settings = JobSettings.resolve(args.toArray(String[]::new), new Configuration(), Map.of());
        assertThat(settings).containsEntry("ENVWATCH_INFLUX_VERSION", "v2").containsKey("ENVWATCH_REGISTRY");
        assertThat(settings.get("ENVWATCH_REGISTRY"))
                .as("where the registry config map is mounted")
                .startsWith(mountPathOf("registry") + "/");
        List<String> variables = new ArrayList<>();
        DOCS.forEach(d -> walk(
                d, n -> n.path("env").forEach(e -> variables.add(e.path("name").asText()))));
        assertThat(variables).contains("ENVWATCH_MQTT_PASSWORD", "ENVWATCH_INFLUX_TOKEN");
        variables.stream()
                .filter(v -> v.startsWith("ENVWATCH_"))
                .forEach(v -> assertThat(JobSettings.names()).contains(v));
        assertThat(settings.keySet())
                .as("secrets stay out of the arguments (Flink's web UI shows them)")
                .doesNotContain("ENVWATCH_MQTT_PASSWORD", "ENVWATCH_INFLUX_TOKEN", "ENVWATCH_INFLUX_PASSWORD");

        for (String[] target :
                List.of(new String[] {"ENVWATCH_MQTT_URL", "tcp"}, new String[] {"ENVWATCH_INFLUX_URL", "http"})) {
            URI uri = URI.create(settings.get(target[0]));
            assertThat(uri.getScheme()).isEqualTo(target[1]);
            JsonNode service = DOCS.stream()
                    .filter(d -> d.path("kind").asText().equals("Service")
                            && d.path("metadata").path("name").asText().equals(uri.getHost()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Service " + uri.getHost() + " for " + target[0]));
            List<Integer> ports = new ArrayList<>();
            service.path("spec")
                    .path("ports")
                    .forEach(p -> ports.add(p.path("port").asInt()));
            assertThat(ports).as(target[0]).contains(uri.getPort());
        }
    }

    private static String mountPathOf(String volume) {
        List<String> paths = new ArrayList<>();
        walk(
                deployment(),
                n -> n.path("volumeMounts").forEach(m -> {
                    if (m.path("name").asText().equals(volume)) {
                        paths.add(m.path("mountPath").asText());
                    }
                }));
        assertThat(paths).hasSize(1);
        return paths.get(0);
    }

    @Test
    void flinksSettingsAreOnesFlinkKnowsAndSayWhatTheIssueAsks() throws Exception {
        JsonNode spec = deployment().path("spec");
        Set<String> known = flinkKeys();
        spec.path("flinkConfiguration")
                .fieldNames()
                .forEachRemaining(key -> assertThat(known.contains(key)
                                || key.startsWith("s3.")
                                || JobSettings.names().stream()
                                        .anyMatch(n -> key.equals("envwatch."
                                                + n.substring("ENVWATCH_".length())
                                                        .toLowerCase()
                                                        .replace('_', '-'))))
                        .as("a Flink 2.3 option: " + key)
                        .isTrue());
        JsonNode conf = spec.path("flinkConfiguration");
        assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(conf.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(conf.path("execution.checkpointing.incremental").asText()).isEqualTo("true");
        for (String store : List.of(
                "high-availability.storageDir",
                "execution.checkpointing.dir",
                "execution.checkpointing.savepoint-dir")) {
            assertThat(conf.path(store).asText()).as(store).startsWith("s3://");
        }
        assertThat(spec.path("job").path("upgradeMode").asText()).isEqualTo("savepoint");
        String flink = Files.readString(Path.of("..", "pom.xml"))
                .replaceAll("(?s).*<flink.version>([^<]+)</flink.version>.*", "$1");
        String[] version = flink.split("\\.");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v" + version[0] + "_" + version[1]);
        assertThat(Files.readString(DIR.resolve("Dockerfile")))
                .contains("FROM flink:" + version[0] + "." + version[1] + "-");
    }

    /** Every key (and fallback key) of Flink's option classes the manifests draw on. */
    private static Set<String> flinkKeys() throws IllegalAccessException {
        Set<String> keys = new HashSet<>();
        for (Class<?> options : List.of(
                org.apache.flink.configuration.CoreOptions.class,
                org.apache.flink.configuration.CheckpointingOptions.class,
                org.apache.flink.configuration.StateBackendOptions.class,
                org.apache.flink.configuration.HighAvailabilityOptions.class,
                org.apache.flink.configuration.TaskManagerOptions.class,
                org.apache.flink.configuration.JobManagerOptions.class,
                org.apache.flink.configuration.RestartStrategyOptions.class,
                org.apache.flink.configuration.StateRecoveryOptions.class,
                org.apache.flink.state.rocksdb.RocksDBOptions.class)) {
            for (Field field : options.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && ConfigOption.class.isAssignableFrom(field.getType())) {
                    ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                    keys.add(option.key());
                    for (FallbackKey fallback : option.fallbackKeys()) {
                        keys.add(fallback.getKey());
                    }
                }
            }
        }
        return keys;
    }

    private static void walk(JsonNode node, java.util.function.Consumer<JsonNode> visit) {
        if (node.isObject()) {
            visit.accept(node);
            node.elements().forEachRemaining(child -> walk(child, visit));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> walk(child, visit));
        }
    }
}
