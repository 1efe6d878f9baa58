package io.envwatch.stream;

import io.envwatch.ingest.mqtt.MqttSource;
import io.envwatch.ingest.mqtt.MqttSourceConfig;
import io.envwatch.ingest.readings.ReadingCodec;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.RegistryLoader;
import io.envwatch.stream.storage.InfluxConfig;
import io.envwatch.stream.storage.PointSinks;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point on a Flink cluster ({@code flink run stream-jobs/target/envwatch-job.jar}). Settings
 * come from the environment (docs/configuration.md), so one image serves every deployment.
 */
public final class EnvWatchJobMain {
    private static final Logger LOG = LoggerFactory.getLogger(EnvWatchJobMain.class);

    /** Gateways' readings (envwatch/v1/readings/{gateway}) and the duty service's complaints (envwatch/v1/complaints/{intake}). */
    public static final String SUBSCRIPTION = "envwatch/v1/+/+";

    private EnvWatchJobMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Registry registry = RegistryLoader.loadOrSample(env.get("ENVWATCH_REGISTRY"));
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
        flink.enableCheckpointing(Long.parseLong(env.getOrDefault("ENVWATCH_CHECKPOINT_MS", "10000")));
        EnvWatchJob job = wire(registry, mqttConfig(env), InfluxConfig.fromEnvironment(env, "http://influxdb:8086"));
        job.build(flink);
        flink.execute("EnvWatch");
    }

    public static MqttSourceConfig mqttConfig(Map<String, String> env) {
        MqttSourceConfig config = MqttSourceConfig.of(
                env.getOrDefault("ENVWATCH_MQTT_URL", "tcp://mosquitto:1883"),
                SUBSCRIPTION,
                env.getOrDefault("ENVWATCH_MQTT_CLIENT_ID", "envwatch-job"));
        if (env.containsKey("ENVWATCH_MQTT_USER")) {
            config = config.withCredentials(env.get("ENVWATCH_MQTT_USER"), env.get("ENVWATCH_MQTT_PASSWORD"));
        }
        return config;
    }

    /** The production wiring: the MQTT source and InfluxDB sinks. */
    public static EnvWatchJob wire(Registry registry, MqttSourceConfig mqtt, InfluxConfig influx) {
        LOG.info("EnvWatch job: {} sites, {} buildings; MQTT {} ({}); InfluxDB {}", registry.sites().size(),
                registry.buildings().size(), mqtt.brokerUrl(), mqtt.subscription(), influx);
        return new EnvWatchJob(new MqttSource(mqtt), PointSinks.influx(influx), registry,
                new ReadingCodec(registry, ReadingCodec.DEFAULT_MAX_PAYLOAD_BYTES, Duration.ofMinutes(5)));
    }
}
