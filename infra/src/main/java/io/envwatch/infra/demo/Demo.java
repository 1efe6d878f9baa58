package io.envwatch.infra.demo;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.DeadLetterPoint;
import io.envwatch.district.schema.DutyAlertPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.district.schema.ReadingPoint;
import io.envwatch.ingest.mqtt.source.MqttSourceConfig;
import io.envwatch.ingest.simulator.GatewaySimulator;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.stream.EnvWatchJobMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform in one process: HiveMQ CE in the JVM, the job on Flink's local MiniCluster,
 * the gateway simulator with its scripted incidents, the duty service's HTTP API, and InfluxDB (the given one, or a private
 * influxd in a temporary folder). Closing it stops everything in reverse order.
 */
public final class Demo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private Path checkpoints;
    private String brokerUrl;
    private String dutyUrl;
    private InfluxSettings influx;

    private Demo() {}

    /**
     * The sample district with the demo's compressed rule settings (demo-rules.yaml), so that the
     * scripted incidents become alerts within a minute.
     */
    public static Registry sampleRegistry() {
        try (var in = Demo.class.getResourceAsStream("/demo-rules.yaml")) {
            String rules = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return RegistryLoader.parse(
                    "sample-dongguan.yaml + demo-rules.yaml", RegistryLoader.sampleText() + "\n" + rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param influxOrNull an InfluxDB to write to, or null for a private influxd
     * @param interval how often each simulated gateway publishes a batch
     */
    public static Demo start(
            Registry registry, int mqttPort, int dutyPort, InfluxSettings influxOrNull, Duration interval)
            throws Exception {
        Demo demo = new Demo();
        try {
            demo.startAll(registry, mqttPort, dutyPort, influxOrNull, interval);
            return demo;
        } catch (Exception e) {
            demo.close();
            throw e;
        }
    }

    private void startAll(Registry registry, int mqttPort, int dutyPort, InfluxSettings influxOrNull, Duration interval)
            throws Exception {
        LOG.info(
                "EnvWatch demo: registry with {} towns, {} sites, {} residential buildings",
                registry.towns().size(),
                registry.sites().size(),
                registry.buildings().size());
        EmbeddedBroker broker = EmbeddedBroker.start(mqttPort);
        running.push(broker);
        brokerUrl = broker.url();

        if (influxOrNull != null) {
            influx = influxOrNull;
        } else {
            LocalInfluxd influxd = LocalInfluxd.start();
            running.push(influxd);
            influxd.createDatabase("envwatch");
            influx = InfluxSettings.v1(influxd.url(), "envwatch");
        }

        Path checkpoints = Files.createTempDirectory("envwatch-checkpoints-");
        // A demo starts afresh every time, so its checkpoints go when it stops (after the job: a stack).
        running.push(() -> FileUtils.deleteDirectoryQuietly(checkpoints.toFile()));
        this.checkpoints = checkpoints;
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(5));
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        MqttSourceConfig mqtt = MqttSourceConfig.of(brokerUrl, EnvWatchJobMain.topics(registry), "envwatch-demo");
        JobClient job = EnvWatchJobMain.wire(registry, mqtt, influx).executeAsync(flink);
        running.push(() -> job.cancel().get(30, TimeUnit.SECONDS));
        LOG.info(
                "EnvWatch demo: Flink job {} running on a local MiniCluster (checkpoints in {})",
                job.getJobID(),
                checkpoints);

        // The source's session must exist before gateways publish, or early QoS 1 readings have nowhere to wait.
        Thread.sleep(3_000);
        GatewaySimulator simulator = new GatewaySimulator(
                registry,
                brokerUrl,
                Integer.MAX_VALUE,
                interval,
                GatewaySimulator.sampleScenarios(),
                System::currentTimeMillis,
                42);
        simulator.start();
        running.push(simulator);

        DutyService duty = DutyService.builder(registry, influx)
                .port(dutyPort)
                .complaints(ComplaintPublisher.connect(brokerUrl, "duty-service", null, null))
                .start();
        running.push(duty);
        dutyUrl = "http://127.0.0.1:" + duty.port();
        running.push(new ComplaintFiler(registry, dutyUrl));
    }

    /** Where the job's checkpoints go while the demo runs; removed when it stops. */
    public Path checkpoints() {
        return checkpoints;
    }

    /** The duty service's base URL. */
    public String dutyUrl() {
        return dutyUrl;
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    public InfluxSettings influx() {
        return influx;
    }

    /** A count from InfluxQL over the v1 query endpoint, or -1 if InfluxDB did not answer. */
    public long count(String influxQl) {
        try {
            return new InfluxQlRows(influx).count(influxQl);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** What a person watching the console wants to know: is data arriving, are alerts open. */
    public void logStatus() {
        LOG.info(
                "EnvWatch demo: {} readings, {} duty alerts, {} complaints ({} corroborated), {} dead letters stored in InfluxDB",
                count(InfluxQl.count(ReadingPoint.VALUE)),
                count(InfluxQl.count(DutyAlertPoint.PEAK)),
                count(InfluxQl.count(ComplaintPoint.ID)),
                count(InfluxQl.count(ComplaintPoint.ID) + " WHERE " + ComplaintPoint.OUTCOME.is("corroborated")),
                count(InfluxQl.count(DeadLetterPoint.DETAIL)));
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.getMessage());
            }
        }
    }
}
