package io.envwatch.stream;

import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.ingest.mqtt.source.MqttSourceConfig;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalMosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntToDoubleFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The real servers an end-to-end test runs against: a private Mosquitto and a private influxd,
 * started from the machine's binaries (.ci/run installs them), plus the job wired to them.
 */
final class EndToEnd implements AutoCloseable {
    static final Registry REGISTRY = RegistryLoader.sample();

    /** The production broker's credentials and ACL (infra/mosquitto); each user's password is change-me-{user}. */
    static final List<String> SHIPPED_ACCESS_RULES = List.of(
            "allow_anonymous false",
            "password_file " + Path.of("../infra/mosquitto/passwd").toAbsolutePath(),
            "acl_file " + Path.of("../infra/mosquitto/acl").toAbsolutePath());

    /** A MiniCluster with room for the job at parallelism 2, as the fault tests run it. */
    static MiniClusterExtension twoSlots() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
    }

    /**
     * The environment with Flink's Kryo fallback refused: a record or state type Flink cannot
     * serialise as a POJO, record or its own type fails the test instead of being copied by Kryo.
     */
    static StreamExecutionEnvironment kryoFree(StreamExecutionEnvironment env) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(conf);
        return env;
    }

    final LocalMosquitto broker;
    final LocalInfluxd influxd = LocalInfluxd.start();
    final InfluxSettings influx;
    private final EndToEndReads reads;
    private final boolean shippedAccessRules;

    EndToEnd(String database) {
        this(database, false);
    }

    /**
     * @param shippedAccessRules run the broker with the production credentials and ACL, so that
     *     gateways and the job connect as themselves
     */
    EndToEnd(String database, boolean shippedAccessRules) {
        this(database, shippedAccessRules, false);
    }

    /** @param persistentBroker the broker saves its sessions as the production one does, so it can be restarted */
    EndToEnd(String database, boolean shippedAccessRules, boolean persistentBroker) {
        this.shippedAccessRules = shippedAccessRules;
        List<String> rules = shippedAccessRules ? SHIPPED_ACCESS_RULES : List.of("allow_anonymous true");
        broker = persistentBroker ? LocalMosquitto.startPersistent(rules) : LocalMosquitto.start(rules);
        influxd.createDatabase(database);
        influx = InfluxSettings.v1(influxd.url(), database);
        reads = new EndToEndReads(influxd.url(), database);
    }

    EnvWatchJob job(String clientIdPrefix) {
        return job(clientIdPrefix, REGISTRY);
    }

    /** The job on another registry: the sample district with other rules. */
    EnvWatchJob job(String clientIdPrefix, Registry registry) {
        MqttSourceConfig mqtt = MqttSourceConfig.of(broker.url(), EnvWatchJobMain.topics(registry), clientIdPrefix);
        if (shippedAccessRules) {
            mqtt = mqtt.withCredentials("envwatch-job", "change-me-envwatch-job");
        }
        return EnvWatchJobMain.wire(registry, mqtt, influx);
    }

    MqttClient publisher(String clientId) throws MqttException {
        return shippedAccessRules ? gateway("gw-fenggang-01") : connect(clientId, null);
    }

    /** A client signed in with a gateway's (or service's) own credential from the shipped password file. */
    MqttClient gateway(String user) throws MqttException {
        return connect(user, user);
    }

    private MqttClient connect(String clientId, String user) throws MqttException {
        MqttClient client = new MqttClient(broker.url(), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(("change-me-" + user).getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options);
        return client;
    }

    static void publish(MqttClient client, String gateway, String payload) throws MqttException {
        publish(client, ReadingCodec.topicFor(gateway), payload.getBytes(StandardCharsets.UTF_8));
    }

    static void publish(MqttClient client, String topic, byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        client.publish(topic, message);
    }

    List<Object[]> query(String influxQl) {
        return reads.query(influxQl);
    }

    long count(String influxQl) {
        return reads.count(influxQl);
    }

    /**
     * The source's session only exists once it has subscribed; until then QoS 1 messages have no
     * session to wait in. So keep sending marker readings (FE-N90, 40 dB(A), before {@code before})
     * until {@code markers} of them are stored.
     */
    void awaitSubscribed(MqttClient gateway, long before, int markers) throws InterruptedException {
        awaitSubscribedAs(gateway, "gw-fenggang-01", "FE-N90", before, markers);
    }

    /** As {@link #awaitSubscribed}, with marker readings of another gateway's noise sensor. */
    void awaitSubscribedAs(MqttClient client, String gateway, String sensor, long before, int markers)
            throws InterruptedException {
        await("the source to subscribe", Duration.ofSeconds(60), () -> {
            try {
                for (int i = 0; i < markers; i++) {
                    publish(
                            client,
                            gateway,
                            "{\"readings\":[{\"sensor\":\"" + sensor + "\",\"ts\":" + (before - 1 - i)
                                    + ",\"quantity\":\"noise\",\"value\":40.0,\"unit\":\"dB(A)\"}]}");
                }
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
            return count("SELECT count(value) FROM reading WHERE site = '" + sensor + "'") >= markers;
        });
    }

    /**
     * A gateway publishing {@code messages} batches of {@code perMessage} FE-N01 noise readings on its
     * own thread, reading k stamped {@code base + k} with the value {@code level(k)}.
     */
    static Thread publishInBackground(
            MqttClient gateway,
            int messages,
            int perMessage,
            long base,
            IntToDoubleFunction level,
            long pauseMillis,
            AtomicInteger published) {
        Thread publisher = new Thread(
                () -> {
                    try {
                        for (int m = 0; m < messages; m++) {
                            StringBuilder batch = new StringBuilder("{\"readings\":[");
                            for (int i = 0; i < perMessage; i++) {
                                int k = m * perMessage + i;
                                batch.append(i == 0 ? "" : ",")
                                        .append("{\"sensor\":\"FE-N01\",\"ts\":")
                                        .append(base + k)
                                        .append(",\"quantity\":\"noise\",\"value\":")
                                        .append(level.applyAsDouble(k))
                                        .append(",\"unit\":\"dB(A)\"}");
                            }
                            publish(
                                    gateway,
                                    "gw-fenggang-01",
                                    batch.append("]}").toString());
                            published.incrementAndGet();
                            Thread.sleep(pauseMillis);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "test-gateway");
        publisher.start();
        return publisher;
    }

    /**
     * Reading by reading: which of the readings a gateway had acknowledged (site, timestamps) are
     * stored, which are missing, and how many are stored more than once (under another series).
     */
    Tally tally(String what, String site, Collection<Long> published) {
        return tally(reads, what, site, published);
    }

    static Tally tally(EndToEndReads reads, String what, String site, Collection<Long> published) {
        long from = published.stream().mapToLong(Long::longValue).min().orElse(0);
        List<Object[]> rows =
                reads.query("SELECT value FROM reading WHERE site = '" + site + "' AND time >= " + from + "ms");
        Map<Long, Integer> stored = new HashMap<>();
        for (Object[] row : rows) {
            stored.merge(Instant.parse(row[0].toString()).toEpochMilli(), 1, Integer::sum);
        }
        Set<Long> expected = new HashSet<>(published);
        long missing = expected.stream().filter(t -> !stored.containsKey(t)).count();
        long duplicated = stored.values().stream().mapToLong(n -> n - 1).sum();
        long unexpected =
                stored.keySet().stream().filter(t -> !expected.contains(t)).count();
        List<Long> missingTimes =
                expected.stream().filter(t -> !stored.containsKey(t)).sorted().toList();
        Tally tally = new Tally(what, expected.size(), stored.size(), missing, duplicated, unexpected, missingTimes);
        System.out.println("RELIABILITY " + tally);
        return tally;
    }

    /**
     * Stops the gateways, waits up to 90 s for everything they had acknowledged to be stored, says
     * how long catching up took after {@code since}, and tallies each gateway's readings.
     */
    static List<Tally> stopAndTally(
            EndToEndReads reads, String fault, List<SteadyGateway> gateways, long base, Instant since)
            throws InterruptedException {
        for (SteadyGateway gateway : gateways) {
            gateway.close();
        }
        long expected =
                gateways.stream().mapToLong(g -> g.acknowledged().size()).sum();
        // Up to 90 s, but no longer than 45 s without progress (longer than the sink's 30-s longest
        // retry backoff, so a recovering store is waited for): a reading that is lost stays lost.
        long[] last = {-1, System.nanoTime()};
        boolean caughtUp = awaitOrGiveUp(Duration.ofSeconds(90), () -> {
                    long stored = gateways.stream()
                            .mapToLong(g -> reads.count("SELECT count(value) FROM reading WHERE site = '" + g.sensor
                                    + "' AND time >= " + base + "ms"))
                            .sum();
                    if (stored != last[0]) {
                        last[0] = stored;
                        last[1] = System.nanoTime();
                    }
                    return stored >= expected
                            || System.nanoTime() - last[1]
                                    > Duration.ofSeconds(45).toNanos();
                })
                && last[0] >= expected;
        System.out.println("RELIABILITY " + fault + ": "
                + (caughtUp
                        ? "caught up " + Duration.between(since, Instant.now()).toMillis() + " ms after it ended"
                        : "not caught up (" + last[0] + " of " + expected
                                + " stored, no progress for 45 s or 90 s passed)"));
        return gateways.stream()
                .map(g -> tally(
                        reads,
                        fault + ", " + g.gateway + " (" + g.failedPublishes() + " publishes refused)",
                        g.sensor,
                        g.acknowledged()))
                .toList();
    }

    EndToEndReads reads() {
        return reads;
    }

    /** What a fault test reports: published (acknowledged to the gateway), stored, missing, duplicated. */
    record Tally(
            String what,
            long published,
            long stored,
            long missing,
            long duplicated,
            long unexpected,
            List<Long> missingTimes) {
        @Override
        public String toString() {
            return what + ": published " + published + ", stored " + stored + ", missing " + missing + ", duplicated "
                    + duplicated + (unexpected > 0 ? ", unexpected " + unexpected : "");
        }
    }

    /** Waits for the condition up to the timeout; whether it came true, so a test can report before it asserts. */
    static boolean awaitOrGiveUp(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        reads.close();
        influxd.close();
        broker.close();
    }
}
