package io.envwatch.stream;

import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.district.readings.DeadLetterCodec;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.registry.Site;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.ingest.mqtt.source.MqttSource;
import io.envwatch.ingest.mqtt.source.MqttSourceBuilder;
import io.envwatch.ingest.mqtt.source.MqttSourceConfig;
import io.envwatch.stream.storage.InfluxTarget;
import io.envwatch.stream.storage.PointSinks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point on a Flink cluster ({@code flink run stream-jobs/target/envwatch-job.jar --mqtt-url ...},
 * or the REST API's jar run with the same arguments). Settings come from program arguments, the
 * Flink configuration or the environment ({@link JobSettings}, docs/configuration.md), so one jar
 * and one image serve every deployment.
 */
public final class EnvWatchJobMain {
    private static final Logger LOG = LoggerFactory.getLogger(EnvWatchJobMain.class);

    /**
     * What the job subscribes to: each registry gateway's readings topic
     * (envwatch/v1/readings/{gateway}), the duty service's complaints (envwatch/v1/complaints/+) and
     * what senders refused before the broker (envwatch/v1/rejected/+).
     * One filter per gateway rather than one wildcard, so that the source's sessions can split them
     * without a shared subscription (see {@link MqttSourceConfig}). A gateway missing from the
     * registry is not read at all: its readings could only be refused.
     */
    public static List<String> topics(Registry registry) {
        List<String> topics = new ArrayList<>();
        registry.sites().stream()
                .map(Site::gateway)
                .distinct()
                .sorted()
                .map(ReadingCodec::topicFor)
                .forEach(topics::add);
        topics.add(ComplaintCodec.TOPIC_PREFIX + "+");
        topics.add(DeadLetterCodec.TOPIC_PREFIX + "+");
        return topics;
    }

    private EnvWatchJobMain() {}

    public static void main(String[] args) throws Exception {
        run(args, false);
    }

    /** @param storageOnly the storage path alone ({@link EnvWatchJob#buildStorageOnly}): the benchmark's baseline */
    static void run(String[] args, boolean storageOnly) throws Exception {
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
        Map<String, String> env = JobSettings.resolve(args, flink.getConfiguration(), System.getenv());
        Registry registry = RegistryLoader.loadOrSample(env.get("ENVWATCH_REGISTRY"));
        InfluxSettings influx = InfluxSettings.fromEnvironment(env);
        InfluxTarget.check(influx, JobSettings.flag(env, "ENVWATCH_INFLUX_CREATE_DATABASE", false));
        // Checkpoints on a file system, retained, and the newest resumed: what makes a 202 for a
        // complaint still waiting in the job's state hold across a crash.
        flink.configure(CheckpointRecovery.settings(env, flink.getConfiguration()));
        if (env.containsKey("ENVWATCH_PARALLELISM")) {
            flink.setParallelism(parallelism(env.get("ENVWATCH_PARALLELISM")));
        } else {
            clusterParallelism(flink.getConfiguration(), System.getenv()).ifPresent(p -> {
                LOG.info(
                        "EnvWatch job: parallelism {}, the cluster's parallelism.default (a REST API run that names"
                                + " none passes 1; --parallelism sets it)",
                        p);
                flink.setParallelism(p);
            });
        }
        EnvWatchJob job = wire(registry, mqttConfig(env, registry), influx);
        if (storageOnly) {
            job.buildStorageOnly(flink);
            flink.execute("EnvWatch storage only");
        } else {
            job.build(flink);
            flink.execute("EnvWatch");
        }
    }

    /**
     * The cluster's {@code parallelism.default} when the job's main runs in the JobManager (a REST API
     * run, or application mode) and was handed parallelism 1: Flink's jar-run handler takes its
     * default from the request's own configuration, not the cluster's, so a request that names no
     * parallelism runs everything at 1 on a cluster set to more. The cluster's value is read from
     * the JobManager's configuration folder ({@code FLINK_CONF_DIR}, which Flink's scripts and images
     * set). Empty anywhere else (a client's {@code flink run}, which reads the cluster's file
     * itself, or a local run). A REST run that wants 1 on such a cluster says --parallelism 1.
     */
    static OptionalInt clusterParallelism(ReadableConfig given, Map<String, String> process) {
        if (!"embedded".equals(given.get(DeploymentOptions.TARGET))
                || given.get(CoreOptions.DEFAULT_PARALLELISM) != 1) {
            return OptionalInt.empty();
        }
        return java.util.Optional.ofNullable(process.get(ConfigConstants.ENV_FLINK_CONF_DIR))
                .flatMap(dir -> GlobalConfiguration.loadConfiguration(dir).getOptional(CoreOptions.DEFAULT_PARALLELISM))
                .filter(p -> p > 1)
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
    }

    static int parallelism(String text) {
        try {
            int p = Integer.parseInt(text.trim());
            if (p >= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("ENVWATCH_PARALLELISM must be a whole number of at least 1, not " + text);
    }

    public static MqttSourceConfig mqttConfig(Map<String, String> env, Registry registry) {
        MqttSourceBuilder source = MqttSource.builder()
                .brokerUrl(env.getOrDefault("ENVWATCH_MQTT_URL", "tcp://mosquitto:1883"))
                .topicFilters(topics(registry))
                .clientIdPrefix(env.getOrDefault("ENVWATCH_MQTT_CLIENT_ID", "envwatch-job"));
        if (env.containsKey("ENVWATCH_MQTT_USER")) {
            source.credentials(env.get("ENVWATCH_MQTT_USER"), env.get("ENVWATCH_MQTT_PASSWORD"));
        }
        return source.config();
    }

    /** The production wiring: the MQTT source and InfluxDB sinks. */
    public static EnvWatchJob wire(Registry registry, MqttSourceConfig mqtt, InfluxSettings influx) {
        LOG.info(
                "EnvWatch job: {} sites, {} buildings; MQTT {} ({} topic filters); InfluxDB {}",
                registry.sites().size(),
                registry.buildings().size(),
                mqtt.brokerUrl(),
                mqtt.topicFilters().size(),
                influx);
        return new EnvWatchJob(
                new MqttSource(mqtt),
                PointSinks.influx(influx),
                registry,
                new ReadingCodec(registry, ReadingCodec.DEFAULT_MAX_PAYLOAD_BYTES, Duration.ofMinutes(5)));
    }
}
