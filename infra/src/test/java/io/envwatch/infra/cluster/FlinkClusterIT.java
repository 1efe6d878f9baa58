package io.envwatch.infra.cluster;

import static io.envwatch.infra.cluster.FlinkRest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.infra.cluster.StandaloneFlinkCluster.FlinkProcess;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalMosquitto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real Flink cluster: a JobManager and TaskManagers in their own JVMs
 * ({@link StandaloneFlinkCluster}, from the lib folder infra/flink-cluster assembles), submitted
 * through the REST API with its settings as program arguments, state in RocksDB with incremental
 * checkpoints, gateways publishing all along with their own credentials. A TaskManager running the
 * MQTT readers is killed with -9 and another started; then the job is stopped with a savepoint and
 * submitted again from it at parallelism 4, and once more down to 1 (its two MQTT sessions on one
 * reader). Every acknowledged reading must be stored, and counted
 * exactly once by the LAeq intervals (a reading lost or taken twice changes an interval's n); the
 * noise incident open before the rescale must be the same incident after it.
 */
class FlinkClusterIT {
    private static final Path LIB = Path.of("flink-cluster", "target", "lib");
    private static final Path JOB_JAR = Path.of("..", "stream-jobs", "target", "envwatch-job.jar");
    private static final Path PASSWD = Path.of("mosquitto/passwd").toAbsolutePath();
    private static final Path ACL = Path.of("mosquitto/acl").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STEP_MS = 10_000;
    private static final long MINUTE = 60_000;
    private static final String DATABASE = "cluster";

    @Test
    void everyReadingOnceAcrossAKilledTaskManagerAndARescaleFromASavepoint(@TempDir Path work) throws Exception {
        assumeTrue(LocalMosquitto.isInstalled() && LocalInfluxd.isInstalled(), "mosquitto and influxd are needed");
        assumeTrue(
                Files.isDirectory(LIB) && Files.isRegularFile(JOB_JAR),
                "the Flink lib folder and the job jar are built by mvn package (infra/flink-cluster, stream-jobs)");
        // Yesterday 10:00 in Dongguan: daytime, in the past; one reading per sensor every 10 s of event time.
        long base = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"))
                .minusDays(1)
                .withHour(10)
                .withMinute(0)
                .withSecond(0)
                .withNano(0)
                .toInstant()
                .toEpochMilli();
        Path registry = work.resolve("registry.yaml");
        // Readers without a session (after the rescale to 4 there are still 2) are idle in 10 s, not a minute.
        // Not less: a session assigned to a reader holds event time only this long before its first
        // message, and here 10 s of wall time are 40 min of event time.
        Files.writeString(registry, RegistryLoader.sampleText() + "\nrules:\n  readerIdle: PT10S\n");
        List<String> flinkTempBefore = flinkTemp();
        try (LocalMosquitto broker = LocalMosquitto.start(
                        List.of("allow_anonymous false", "password_file " + PASSWD, "acl_file " + ACL));
                LocalInfluxd influxd = LocalInfluxd.start();
                StandaloneFlinkCluster cluster = StandaloneFlinkCluster.prepare(LIB, work.resolve("flink"), Map.of())) {
            List<String> args = List.of(
                    "--registry",
                    registry.toString(),
                    "--mqtt-url",
                    broker.url(),
                    "--mqtt-user",
                    "envwatch-job",
                    "--mqtt-password",
                    "change-me-envwatch-job",
                    "--mqtt-client-id",
                    "cluster-job",
                    "--influx-url",
                    influxd.url(),
                    "--influx-database",
                    DATABASE,
                    "--influx-create-database",
                    "true",
                    "--state-backend",
                    "rocksdb",
                    "--checkpoint-ms",
                    "1000");
            cluster.startJobManager();
            List<FlinkProcess> taskManagers =
                    new ArrayList<>(List.of(cluster.startTaskManager(), cluster.startTaskManager()));
            FlinkRest rest = cluster.rest();
            rest.awaitSlots(4, Duration.ofMinutes(2));
            String jar = rest.upload(JOB_JAR);

            String first = rest.run(jar, args, 0, null);
            await("the job running", Duration.ofSeconds(60), () -> rest.allRunning(first));
            assertThat(rest.parallelism(first).values())
                    .as("the cluster's parallelism.default, with none named")
                    .containsOnly(2);
            await(
                    "both MQTT sessions subscribed",
                    Duration.ofSeconds(60),
                    () -> logs(cluster).contains("cluster-job-0 connected")
                            && logs(cluster).contains("cluster-job-1 connected"));

            try (Gateways gateways = new Gateways(broker, base)) {
                await(
                        "readings stored and two checkpoints",
                        Duration.ofSeconds(60),
                        () -> stored(influxd, "FE-N01", base) > 50 && rest.completedCheckpoints(first) >= 2);

                // (a) The TaskManager running a reader dies with everything in flight; another one comes.
                String victim =
                        rest.taskManagersOf(first, "Source: mqtt-readings").get(0);
                FlinkProcess killed = taskManagers.stream()
                        .filter(t -> t.name().equals(victim))
                        .findFirst()
                        .orElseThrow();
                killed.kill();
                taskManagers.add(cluster.startTaskManager());
                await("the job restored from a checkpoint and checkpointing again", Duration.ofSeconds(90), () -> {
                    JsonNode checkpoints = rest.checkpoints(first);
                    JsonNode restored = checkpoints.path("latest").path("restored");
                    return rest.allRunning(first)
                            && !restored.isMissingNode()
                            && !restored.isNull()
                            && checkpoints
                                            .path("latest")
                                            .path("completed")
                                            .path("id")
                                            .asLong()
                                    > restored.path("id").asLong();
                });
                System.out.println(
                        "CLUSTER killed " + killed + " with the job's readers on it; restored from checkpoint "
                                + rest.checkpoints(first)
                                        .path("latest")
                                        .path("restored")
                                        .path("id")
                                        .asLong());

                // (b) A savepoint, the job stopped, and the same jar again from it at parallelism 4.
                String savepoint = rest.stopWithSavepoint(
                        first, work.resolve("savepoints").toUri().toString(), Duration.ofSeconds(60));
                long publishedAtSavepoint = gateways.last();
                Thread.sleep(1_000); // the gateways go on while no job runs: the broker's sessions keep it
                String second = rest.run(jar, args, 4, savepoint);
                await("the job running again at 4", Duration.ofSeconds(60), () -> rest.allRunning(second));
                assertThat(rest.parallelism(second).values()).containsOnly(4);
                assertThat(logs(cluster)).contains("resuming from " + savepoint);
                await(
                        "checkpoints of the rescaled job",
                        Duration.ofSeconds(60),
                        () -> rest.completedCheckpoints(second) >= 3);

                // (c) And down to 1: one reader takes both sessions.
                String savepoint2 = rest.stopWithSavepoint(
                        second, work.resolve("savepoints").toUri().toString(), Duration.ofSeconds(60));
                // A REST run asking for 1 is handed the same 1 as one that names none: the job's own setting says it.
                List<String> atOne = new ArrayList<>(args);
                atOne.addAll(List.of("--parallelism", "1"));
                String third = rest.run(jar, atOne, 0, savepoint2);
                await("the job running again at 1", Duration.ofSeconds(60), () -> rest.allRunning(third));
                assertThat(rest.parallelism(third).values()).containsOnly(1);
                await(
                        "checkpoints of the job at 1",
                        Duration.ofSeconds(60),
                        () -> rest.completedCheckpoints(third) >= 3);
                reportCheckpoints(rest, first, second, third);

                // FE-N01 falls quiet: the incident open since before the savepoint ends, if the rescaled job still has
                // it.
                long quietFrom = gateways.fenggangAt(50.0);
                await(
                        "30 min of event time after the noise fell",
                        Duration.ofSeconds(60),
                        () -> gateways.last() > quietFrom + 30 * MINUTE);
                gateways.close();
                long acknowledged = gateways.acknowledged("FE-N01").size();
                awaitStored(
                        influxd,
                        base,
                        acknowledged + gateways.acknowledged("TA-N02").size());
                System.out.println(
                        "CLUSTER " + acknowledged + " readings a sensor acknowledged; event time at the savepoint "
                                + (publishedAtSavepoint - base) / MINUTE + " min in");

                for (String sensor : List.of("FE-N01", "TA-N02")) {
                    java.util.Set<Long> stored = new java.util.HashSet<>(storedTimes(influxd, sensor, base));
                    List<Long> missing = gateways.acknowledged(sensor).stream()
                            .filter(ts -> !stored.contains(ts))
                            .toList();
                    System.out.println("CLUSTER " + sensor + ": acknowledged "
                            + gateways.acknowledged(sensor).size() + ", stored " + stored.size() + ", missing "
                            + missing.size() + ", late " + late(influxd, sensor, base));
                    assertThat(missing)
                            .as(sensor + ": acknowledged by the broker, not stored")
                            .isEmpty();
                    // Published in time order: late only if one session's backlog was judged by another's event time.
                    assertThat(late(influxd, sensor, base))
                            .as(sensor + ": readings stored as late, by rule")
                            .isEmpty();
                    assertThat(stored).as(sensor + ": stored").hasSameSizeAs(gateways.acknowledged(sensor));
                    assertEveryIntervalCountsEachReadingOnce(influxd, sensor, gateways.acknowledged(sensor), base);
                }
                assertOneIncidentAcross(influxd, publishedAtSavepoint, quietFrom, base);
                assertThat(Files.isDirectory(work.resolve("flink")
                                .resolve("checkpoints")
                                .resolve(third)
                                .resolve("shared")))
                        .as("RocksDB's incremental checkpoints share their files")
                        .isTrue();
            } finally {
                logs(cluster)
                        .lines()
                        .filter(l -> l.contains("were already read") || l.contains("earlier connections"))
                        .forEach(l -> System.out.println("CLUSTER log: " + l.substring(l.indexOf(" - ") + 3)));
                System.out.println("CLUSTER logs under " + cluster.home().resolve("log"));
            }
        }
        assertThat(flinkTemp())
                .as("the cluster's JVMs, the killed one too, left nothing in " + TEMP)
                .isSubsetOf(flinkTempBefore);
    }

    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    /** What Flink's processes leave in the machine's temporary folder when they cannot clean up. */
    private static List<String> flinkTemp() throws IOException {
        try (Stream<Path> files = Files.list(TEMP)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("flink-") || n.startsWith("minicluster_") || n.startsWith("blobStore-"))
                    .toList();
        }
    }

    /** Each complete 1-minute LAeq interval counts every reading of its minute once: none lost, none taken twice. */
    private static void assertEveryIntervalCountsEachReadingOnce(
            LocalInfluxd influxd, String sensor, List<Long> published, long base) throws InterruptedException {
        Map<Long, Long> expected = new HashMap<>();
        published.forEach(ts -> expected.merge(ts - Math.floorMod(ts - base, MINUTE), 1L, Long::sum));
        // An interval closes when event time (the newest reading less the rules' 2-min out-of-orderness) passes its
        // end.
        long lastComplete = published.stream().mapToLong(Long::longValue).max().orElseThrow() - 3 * MINUTE;
        expected.keySet().removeIf(start -> start > lastComplete);
        assertThat(expected).as("minutes of published readings").hasSizeGreaterThan(10);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!intervals(influxd, sensor, base, lastComplete).keySet().containsAll(expected.keySet())
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        Map<Long, Long> counted = intervals(influxd, sensor, base, lastComplete);
        Map<Long, Long> wrong = new java.util.TreeMap<>();
        expected.forEach((start, n) -> {
            if (!n.equals(counted.get(start))) {
                wrong.put((start - base) / MINUTE, counted.getOrDefault(start, 0L));
            }
        });
        assertThat(counted)
                .as(sensor + ": readings each 1-minute interval counted; minutes (from the start) counted"
                        + " otherwise, with their count: " + wrong + "; readings stored as late, by rule: "
                        + late(influxd, sensor, base))
                .isEqualTo(expected);
    }

    /** How many of a sensor's readings the job stored as late, per rule whose interval they missed. */
    private static Map<String, Long> late(LocalInfluxd influxd, String sensor, long from) {
        Map<String, Long> late = new java.util.TreeMap<>();
        try {
            JsonNode series = JSON.readTree(influxd.query(
                            DATABASE,
                            "SELECT count(value) FROM late_reading WHERE site = '" + sensor + "' AND time >= " + from
                                    + "ms GROUP BY \"rule\""))
                    .path("results")
                    .path(0)
                    .path("series");
            series.forEach(s -> late.put(
                    s.path("tags").path("rule").asText(),
                    s.path("values").path(0).path(1).asLong()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return late;
    }

    private static Map<Long, Long> intervals(LocalInfluxd influxd, String sensor, long from, long to) {
        Map<Long, Long> counted = new HashMap<>();
        for (JsonNode row : rows(
                influxd,
                "SELECT n FROM noise_laeq WHERE site = '" + sensor + "' AND \"interval\" = 'PT1M'" + " AND time >= "
                        + from + "ms AND time <= " + to + "ms")) {
            counted.put(row.get(0).asLong(), row.get(1).asLong());
        }
        return counted;
    }

    /**
     * The incident that was open when the first savepoint was taken went on after both rescales and
     * ended when the noise fell: one incident, not two, and ended (a job that had lost it would have
     * left it open, and opened another for the exceedances after the restart).
     */
    private static void assertOneIncidentAcross(LocalInfluxd influxd, long savepointAt, long quietFrom, long base) {
        List<JsonNode> incidents = rows(
                influxd,
                "SELECT \"id\", \"end\", \"state\" FROM incident WHERE site = 'FE-N01'"
                        + " AND \"rule\" = 'noise-laeq-1m' AND time >= " + base + "ms");
        System.out.println("CLUSTER FE-N01 noise-laeq-1m incidents: " + incidents);
        assertThat(incidents).hasSize(1);
        JsonNode incident = incidents.get(0);
        assertThat(incident.get(0).asLong())
                .as("began before the first savepoint")
                .isLessThan(savepointAt);
        assertThat(incident.get(2).asLong())
                .as("went on after it, to when the noise fell")
                .isGreaterThanOrEqualTo(quietFrom)
                .isGreaterThan(savepointAt);
        assertThat(incident.get(3).asText()).isEqualTo("closed");
    }

    private static void reportCheckpoints(FlinkRest rest, String... jobs) {
        for (String job : jobs) {
            JsonNode summary = rest.checkpoints(job).path("summary");
            System.out.println("CLUSTER checkpoints of " + job + ": " + rest.completedCheckpoints(job) + " completed;"
                    + " checkpointed (incremental) bytes avg "
                    + summary.path("checkpointed_size").path("avg").asLong()
                    + ", max " + summary.path("checkpointed_size").path("max").asLong()
                    + "; full state bytes max "
                    + summary.path("state_size").path("max").asLong()
                    + "; duration ms avg "
                    + summary.path("end_to_end_duration").path("avg").asLong()
                    + ", max " + summary.path("end_to_end_duration").path("max").asLong());
        }
    }

    /**
     * Waits for the readings to be stored, as long as their count still grows (20 s without
     * progress ends it), so that a loss shows as the readings missing, not as a timeout.
     */
    private static void awaitStored(LocalInfluxd influxd, long base, long expected) throws InterruptedException {
        long seen = -1;
        long progressAt = System.nanoTime();
        while (System.nanoTime() - progressAt < Duration.ofSeconds(20).toNanos()) {
            long now = stored(influxd, "FE-N01", base) + stored(influxd, "TA-N02", base);
            if (now >= expected) {
                return;
            }
            if (now > seen) {
                seen = now;
                progressAt = System.nanoTime();
            }
            Thread.sleep(250);
        }
    }

    private static long stored(LocalInfluxd influxd, String sensor, long from) {
        List<JsonNode> rows = rows(
                influxd, "SELECT count(value) FROM reading WHERE site = '" + sensor + "' AND time >= " + from + "ms");
        return rows.isEmpty() ? 0 : rows.get(0).get(1).asLong();
    }

    private static List<Long> storedTimes(LocalInfluxd influxd, String sensor, long from) {
        return rows(influxd, "SELECT value FROM reading WHERE site = '" + sensor + "' AND time >= " + from + "ms")
                .stream()
                .map(r -> r.get(0).asLong())
                .toList();
    }

    private static List<JsonNode> rows(LocalInfluxd influxd, String influxQl) {
        try {
            JsonNode series = JSON.readTree(influxd.query(DATABASE, influxQl))
                    .path("results")
                    .path(0)
                    .path("series")
                    .path(0);
            List<JsonNode> rows = new ArrayList<>();
            series.path("values").forEach(rows::add);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String logs(StandaloneFlinkCluster cluster) {
        try (Stream<Path> files = Files.list(cluster.home().resolve("log"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Two gateways signed in with their own credentials, each publishing one noise reading (QoS 1)
     * every 40 ms of wall time, 10 s apart in event time: FE-N01 at 72 dB(A), over its zone's 65 by
     * day (until told otherwise), TA-N02 at 50. A reading counts as published when the broker acknowledged it.
     */
    private static final class Gateways implements AutoCloseable {
        private final MqttClient fenggang;
        private final MqttClient tangxia;
        private final Map<String, List<Long>> acknowledged =
                Map.of("FE-N01", new CopyOnWriteArrayList<>(), "TA-N02", new CopyOnWriteArrayList<>());
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long last;
        private volatile double fenggangLevel = 72.0;
        private volatile long fenggangLevelFrom = Long.MAX_VALUE;

        Gateways(LocalMosquitto broker, long base) throws MqttException {
            fenggang = connect(broker, "gw-fenggang-01");
            tangxia = connect(broker, "gw-tangxia-01");
            thread = new Thread(
                    () -> {
                        for (long ts = base; running; ts += STEP_MS) {
                            double level = fenggangLevel;
                            if (fenggangLevelFrom == Long.MAX_VALUE && level != 72.0) {
                                fenggangLevelFrom = ts;
                            }
                            publish(fenggang, "gw-fenggang-01", "FE-N01", ts, level);
                            publish(tangxia, "gw-tangxia-01", "TA-N02", ts, 50.0);
                            last = ts;
                            try {
                                Thread.sleep(40);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "gateways");
            thread.start();
        }

        private static MqttClient connect(LocalMosquitto broker, String gateway) throws MqttException {
            MqttClient client = new MqttClient(broker.url(), gateway, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(gateway);
            options.setPassword(("change-me-" + gateway).getBytes(StandardCharsets.UTF_8));
            client.connect(options);
            return client;
        }

        private void publish(MqttClient client, String gateway, String sensor, long ts, double value) {
            MqttMessage message = new MqttMessage(("{\"readings\":[{\"sensor\":\"" + sensor + "\",\"ts\":" + ts
                            + ",\"quantity\":\"noise\",\"value\":" + value + ",\"unit\":\"dB(A)\"}]}")
                    .getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            try {
                client.publish(ReadingCodec.topicFor(gateway), message);
                acknowledged.get(sensor).add(ts);
            } catch (MqttException e) {
                System.out.println(
                        "CLUSTER publish of " + sensor + " at " + ts + " not acknowledged: " + e.getMessage());
            }
        }

        long last() {
            return last;
        }

        /** FE-N01 publishes this level from now on; the event time of its first reading at it. */
        long fenggangAt(double level) throws InterruptedException {
            fenggangLevel = level;
            while (fenggangLevelFrom == Long.MAX_VALUE) {
                Thread.sleep(10);
            }
            return fenggangLevelFrom;
        }

        List<Long> acknowledged(String sensor) {
            return acknowledged.get(sensor);
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join();
            if (fenggang.isConnected()) {
                fenggang.disconnect();
                tangxia.disconnect();
            }
            fenggang.close();
            tangxia.close();
        }
    }
}
