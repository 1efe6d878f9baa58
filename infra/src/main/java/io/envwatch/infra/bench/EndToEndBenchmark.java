package io.envwatch.infra.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.schema.DeadLetterPoint;
import io.envwatch.district.schema.DutyAlertPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.district.schema.ReadingPoint;
import io.envwatch.district.schema.Row;
import io.envwatch.infra.demo.EmbeddedBroker;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalMosquitto;
import io.envwatch.local.LocalProcess;
import io.envwatch.stream.CheckpointRecovery;
import io.envwatch.stream.storage.InfluxSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * End-to-end throughput and latency on this machine, against its own limits: a real Mosquitto and
 * influxd, the job on a local MiniCluster, paced gateways. Reports readings/s confirmed stored
 * (counted back with InfluxQL), publish-to-stored latency percentiles from probe readings,
 * publish-to-alert latency, dead letters, CPU and peak heap, and two baselines measured in the same
 * run: a bare Paho subscriber on the same broker and load, and influxd's own write rate for the
 * same points in the same batches.
 *
 * <pre>
 * java -cp infra/target/envwatch-demo.jar io.envwatch.infra.bench.EndToEndBenchmark \
 *   [--sensors 1000] [--gateways 10] [--rate 50000] [--readings-per-message 100] [--seconds 30]
 *   [--warmup 120] [--parallelism 2] [--ramp 20000,40000,60000 [--bare-ramp false]] [--scale 1000,10000,100000]
 *   [--broker mosquitto|hivemq] [--profile true] [--out target/bench/result.json]
 * </pre>
 */
public final class EndToEndBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A count's row with epoch timestamps: [[0,123]]. */

    /** A target no publisher reaches: the in-flight window sets the pace. */
    private static final double FLAT_OUT = 1e9;

    /**
     * @param jobClasspath where the job runs from: this tree's jar (or classpath), or an earlier commit's jar
     * @param label what the results call that jar
     */
    record Settings(
            int sensors,
            int gateways,
            double rate,
            int perMessage,
            int seconds,
            int warmup,
            int parallelism,
            String broker,
            boolean profile,
            String jobClasspath,
            String label,
            String jobHeap,
            String stateBackend) {
        Settings withRate(double r) {
            return new Settings(
                    sensors,
                    gateways,
                    r,
                    perMessage,
                    seconds,
                    warmup,
                    parallelism,
                    broker,
                    profile,
                    jobClasspath,
                    label,
                    jobHeap,
                    stateBackend);
        }

        Settings withSensors(int n) {
            return new Settings(
                    n,
                    gateways,
                    rate,
                    perMessage,
                    seconds,
                    warmup,
                    parallelism,
                    broker,
                    profile,
                    jobClasspath,
                    label,
                    jobHeap,
                    stateBackend);
        }

        Settings withJob(String jar, String name) {
            return new Settings(
                    sensors,
                    gateways,
                    rate,
                    perMessage,
                    seconds,
                    warmup,
                    parallelism,
                    broker,
                    profile,
                    jar,
                    name,
                    jobHeap,
                    stateBackend);
        }
    }

    /**
     * The broker under test: Mosquitto from Debian (as CI and most deployments), or the demo's embedded HiveMQ CE.
     *
     * @param pid the broker's process: Mosquitto's own, or this JVM's when the broker is embedded
     */
    private record Broker(String url, long pid, AutoCloseable closer) implements AutoCloseable {
        static Broker start(String kind) {
            return switch (kind) {
                case "mosquitto" -> {
                    LocalMosquitto m = LocalMosquitto.start();
                    yield new Broker(m.url(), m.pid(), m);
                }
                case "hivemq" -> {
                    EmbeddedBroker h = EmbeddedBroker.start(LocalProcess.freePort());
                    yield new Broker(h.url(), ProcessHandle.current().pid(), h);
                }
                default -> throw new IllegalArgumentException("--broker must be mosquitto or hivemq, not " + kind);
            };
        }

        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    private EndToEndBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            f.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Settings base = new Settings(
                Integer.parseInt(f.getOrDefault("sensors", "1000")),
                Integer.parseInt(f.getOrDefault("gateways", "10")),
                Double.parseDouble(f.getOrDefault("rate", "50000")),
                Integer.parseInt(f.getOrDefault("readings-per-message", "100")),
                Integer.parseInt(f.getOrDefault("seconds", "30")),
                Integer.parseInt(f.getOrDefault("warmup", "120")),
                Integer.parseInt(f.getOrDefault("parallelism", "2")),
                f.getOrDefault("broker", "mosquitto"),
                Boolean.parseBoolean(f.getOrDefault("profile", "false")),
                f.getOrDefault("job-jar", System.getProperty("java.class.path")),
                f.getOrDefault("label", "this tree"),
                f.getOrDefault("job-heap", "4g"),
                f.getOrDefault("state-backend", "hashmap"));
        Path out = Path.of(f.getOrDefault("out", "target/bench/result.json"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        List<Map<String, Object>> results = new ArrayList<>();
        String summary = "";
        if (f.containsKey("scale")) {
            // The same rate over districts of growing size: how state and checkpoints grow with sensors.
            for (String n : f.get("scale").split(",")) {
                results.add(run(base.withSensors(Integer.parseInt(n.trim())), results.isEmpty()));
                save(out, results);
            }
        } else if (f.containsKey("ramp")) {
            List<Double> rates = Arrays.stream(f.get("ramp").split(","))
                    .map(r -> Double.parseDouble(r.trim()))
                    .toList();
            for (double rate : rates) {
                Map<String, Object> result = run(base.withRate(rate), results.isEmpty());
                results.add(result);
                save(out, results);
                boolean keptUp = (boolean) result.get("keptUp");
                System.out.printf("ramp %,.0f readings/s: %s%n", rate, keptUp ? "kept up" : "fell behind");
                if (!keptUp) {
                    break;
                }
            }
            double job = highestKeptUp(results);
            double jobFell = firstFellBehind(results);
            if (!"false".equals(f.get("bare-ramp"))) {
                int jobRuns = results.size();
                double bare = rampBarePipeline(base, rates, job, results);
                double bareFell = firstFellBehind(results.subList(jobRuns, results.size()));
                save(out, results);
                summary = rampSummary(job, jobFell, bare, bareFell);
            }
        } else if (f.containsKey("baseline-jar")) {
            // Before and after in one sitting: the same load on an earlier commit's job, then on this one's.
            results.add(run(base.withJob(f.get("baseline-jar"), f.getOrDefault("baseline-label", "baseline")), true));
            save(out, results);
            results.add(run(base, true));
            double before = ((Number) results.get(0).get("cpuMicrosPerReading")).doubleValue();
            double after = ((Number) results.get(1).get("cpuMicrosPerReading")).doubleValue();
            System.out.printf(
                    "CPU per stored reading: %.1f µs (%s) -> %.1f µs (%s): %.2fx less%n",
                    before, results.get(0).get("job"), after, results.get(1).get("job"), before / after);
        } else {
            results.add(run(base, true));
        }
        save(out, results);
        System.out.println();
        System.out.println(table(results));
        System.out.print(summary);
        System.out.println("results: " + out.toAbsolutePath());
        System.exit(0);
    }

    /** The lowest target rate among the runs that fell behind, 0 when none did. */
    private static double firstFellBehind(List<Map<String, Object>> results) {
        return results.stream()
                .filter(r -> !(boolean) r.get("keptUp"))
                .mapToDouble(r -> ((Number) r.get("targetReadingsPerSecond")).doubleValue())
                .min()
                .orElse(0);
    }

    /**
     * The job's kept-up rate against the bare pipeline's, saying which limits the ramp found: a
     * pipeline that kept up at every rate it was given has a limit above them, so the ratio of
     * two limits is only known when both fell behind; otherwise it prints the bound the runs give.
     */
    static String rampSummary(double job, double jobFell, double bare, double bareFell) {
        if (job <= 0 || bare <= 0) {
            return String.format(
                    "kept up: the job %s, the bare pipeline %s%n",
                    job > 0 ? String.format("up to %,.0f readings/s", job) : "at none of the ramp's rates",
                    bare > 0 ? String.format("up to %,.0f", bare) : "at none of its rates");
        }
        String limits;
        if (jobFell > 0 && bareFell > 0) {
            limits = String.format(
                    "both limits found (the job fell behind at %,.0f, the bare pipeline at %,.0f)", jobFell, bareFell);
        } else if (bareFell > 0) {
            limits = String.format(
                    "the job kept up at every rate it was given, so its limit is higher: at least %.2f"
                            + " (against the %,.0f the bare pipeline fell behind at)",
                    job / bareFell, bareFell);
        } else if (jobFell > 0) {
            limits = String.format(
                    "the bare pipeline kept up at every rate it was given, so its limit is higher: at most %.2f"
                            + " (the %,.0f the job fell behind at)",
                    jobFell / bare, jobFell);
        } else {
            limits = "neither fell behind at the rates given: not a ratio of their limits";
        }
        return String.format(
                "kept up: the job up to %,.0f readings/s, the bare pipeline up to %,.0f: %.2f of the bare pipeline's rate; %s%n",
                job, bare, job / bare, limits);
    }

    /** The highest target rate among the runs that kept up, 0 when none did. */
    private static double highestKeptUp(List<Map<String, Object>> results) {
        return results.stream()
                .filter(r -> (boolean) r.get("keptUp"))
                .mapToDouble(r -> (double) r.get("targetReadingsPerSecond"))
                .max()
                .orElse(0);
    }

    /**
     * The bare pipeline ramped after the job, from the job's highest kept-up rate (or the ramp's
     * first) through the ramp's rates and on in the ramp's last step until it falls behind (at
     * most {@value #BARE_STEPS_PAST_RAMP} steps past the ramp): the rate the job's is compared
     * with. Four were too few: on a fast hour the bare pipeline kept up at all of them, and the
     * ratio printed was not of two limits. Its runs join
     * {@code results}; returns its highest kept-up rate.
     */
    private static double rampBarePipeline(
            Settings base, List<Double> rates, double jobKeptUp, List<Map<String, Object>> results) throws Exception {
        double step = rates.size() > 1 ? rates.get(rates.size() - 1) - rates.get(rates.size() - 2) : rates.get(0) / 4;
        List<Double> bareRates = new ArrayList<>(rates.stream()
                .filter(r -> r >= (jobKeptUp > 0 ? jobKeptUp : rates.get(0)))
                .toList());
        for (int i = 1; i <= BARE_STEPS_PAST_RAMP; i++) {
            bareRates.add(rates.get(rates.size() - 1) + i * step);
        }
        double keptUp = 0;
        for (double rate : bareRates) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("sensors", base.sensors());
            r.put("parallelism", base.parallelism());
            r.put("stateBackend", base.stateBackend());
            // The host's speed drifts within a ramp (calibration 528 to 395 ms in one): each run says its own.
            r.put("cpuCalibrationMs", cpuCalibrationMs());
            try (Broker broker = Broker.start(base.broker());
                    LocalInfluxd influxd = LocalInfluxd.start()) {
                r.putAll(barePipeline(broker, influxd, base, rate));
            }
            results.add(r);
            boolean kept = (boolean) r.get("keptUp");
            System.out.printf("bare pipeline %,.0f readings/s: %s%n", rate, kept ? "kept up" : "fell behind");
            if (!kept) {
                break;
            }
            keptUp = rate;
        }
        return keptUp;
    }

    /** Written after every run, so a later run that fails loses none of the earlier ones. */
    private static void save(Path out, List<Map<String, Object>> results) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
    }

    /** One measured run; the baselines only when asked (they do not depend on the job). */
    static Map<String, Object> run(Settings s, boolean baselines) throws Exception {
        return run(s, baselines ? BARE_PIPELINE_RATE : 0);
    }

    /** One measured run, with the baselines when {@code barePipelineRate} is positive: the bare pipeline at that rate. */
    static Map<String, Object> run(Settings s, double barePipelineRate) throws Exception {
        boolean baselines = barePipelineRate > 0;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sensors", s.sensors());
        r.put("gateways", s.gateways());
        r.put("targetReadingsPerSecond", s.rate());
        r.put("readingsPerMessage", s.perMessage());
        r.put("parallelism", s.parallelism());
        r.put("broker", s.broker());
        r.put("job", s.label());
        r.put("jobClasspath", s.jobClasspath());
        r.put("seconds", s.seconds());
        r.put("cores", Runtime.getRuntime().availableProcessors());
        r.put("cpuCalibrationMs", cpuCalibrationMs());
        Registry registry = SyntheticDistrict.registry(s.sensors(), s.gateways());
        r.put("stateBackend", s.stateBackend());
        try (Broker broker = Broker.start(s.broker());
                LocalInfluxd influxd = LocalInfluxd.start()) {
            endToEnd(broker, influxd, s, r);
            // After the job's run, not before: the flat-out baselines leave the shared JVM compiling
            // and collecting for a while, which showed up as a slow first measurement.
            if (baselines) {
                Map<String, Object> pipeline = barePipeline(broker, influxd, s, barePipelineRate);
                double bare = bareSubscriber(broker.url(), s);
                double influxWrites = influxBaseline(influxd, registry, s);
                double stored = ((Number) r.get("storedReadingsPerSecond")).doubleValue();
                r.put("barePipeline", pipeline);
                r.put(
                        "barePipelineReadingsPerSecond",
                        ((Number) pipeline.get("storedReadingsPerSecond")).doubleValue());
                r.put("barePipelineKeptUp", pipeline.get("keptUp"));
                r.put("bareSubscriberReadingsPerSecond", bare);
                r.put("influxWritePointsPerSecond", influxWrites);
                r.put("ratioToBareSubscriber", ratio(stored, bare));
                r.put("ratioToInfluxWrite", ratio(stored, influxWrites));
            }
        }
        return r;
    }

    /**
     * Baseline 1: the delivery limit of the broker plus a Paho v5 client here, QoS 1, with the same
     * gateways and message size publishing flat out (each limited only by its in-flight window).
     */
    static final int BARE_SUBSCRIBER_WARMUP_SECONDS = 20;

    static double bareSubscriber(String broker, Settings s) throws Exception {
        AtomicLong messages = new AtomicLong();
        MqttAsyncClient sub = new MqttAsyncClient(broker, "bench-bare", new MemoryPersistence());
        sub.setCallback(new Counting(messages));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setReceiveMaximum(65535);
        sub.connect(options).waitForCompletion(10_000);
        sub.subscribe(ReadingCodec.TOPIC_PREFIX + "+", 1).waitForCompletion(10_000);
        try (GatewayFleet load = new GatewayFleet(
                broker,
                s.sensors(),
                s.gateways(),
                s.perMessage(),
                FLAT_OUT,
                Path.of("target", "bench", "gateways-bare.log"))) {
            load.start();
            // This probe measures the broker and a Paho client, whose JIT settles in seconds, not the job.
            // Flat out for minutes the gateways' Paho clients have stalled (no write for 3 minutes,
            // "Timed out as no write activity", 2026-12-07, twice in runs of 150 s and more).
            Thread.sleep(Math.min(s.warmup(), BARE_SUBSCRIBER_WARMUP_SECONDS) * 1000L);
            long m0 = messages.get();
            long t0 = System.nanoTime();
            Thread.sleep(s.seconds() * 1000L);
            double rate = (messages.get() - m0) * (double) s.perMessage() / ((System.nanoTime() - t0) / 1e9);
            load.stop();
            sub.disconnect().waitForCompletion(5_000);
            sub.close(true);
            return Math.round(rate);
        }
    }

    /** Baseline 2: influxd's write rate for the same points, batches of 5,000, four in flight as the sink. */
    static double influxBaseline(LocalInfluxd influxd, Registry registry, Settings s) throws Exception {
        InfluxSchema schema = new InfluxSchema(registry);
        int total = (int) Math.min(2_000_000, Math.max(100_000, s.rate() * Math.max(5, s.seconds() / 2)));
        long start = System.currentTimeMillis() - 3_600_000L;
        List<String> batches = new ArrayList<>();
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < total; i++) {
            Reading reading = new Reading(
                    SyntheticDistrict.sensor(i % s.sensors()),
                    Quantity.NOISE,
                    40 + i % 20,
                    start + i / s.sensors(),
                    "gw");
            batch.append(schema.reading(reading)).append('\n');
            if ((i + 1) % 5000 == 0 || i == total - 1) {
                batches.add(batch.toString());
                batch.setLength(0);
            }
        }
        influxd.createDatabase("baseline");
        URI write = URI.create(influxd.url() + "/write?db=baseline&precision=ns");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long t0 = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (String b : batches) {
            done.add(pool.submit(() -> HTTP.send(
                            HttpRequest.newBuilder(write)
                                    .POST(HttpRequest.BodyPublishers.ofString(b))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode()));
        }
        for (Future<Integer> d : done) {
            if (d.get() != 204) {
                throw new IllegalStateException("influxd refused a baseline batch: " + d.get());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return Math.round(total / seconds);
    }

    static void endToEnd(Broker brokerUnderTest, LocalInfluxd influxd, Settings s, Map<String, Object> r)
            throws Exception {
        runJob(brokerUnderTest, influxd, s, r, "bench", "io.envwatch.stream.EnvWatchJobMain", s.jobClasspath());
    }

    /** The rate the bare pipeline is asked to keep up with: where it does, 100,000/s is the job's to keep. */
    static final double BARE_PIPELINE_RATE = 125_000;
    /** How far the bare pipeline's ramp goes on past the job's, in the ramp's last step. */
    static final int BARE_STEPS_PAST_RAMP = 8;

    /**
     * Baseline 3, the bare pipeline: this tree's storage path alone ({@code StorageOnlyMain}: the same
     * source, decoding and sink code storing every reading, no rules) measured exactly as the job is,
     * on the same broker, influxd and gateways, at {@code rate}: whether it keeps up, its latency and
     * every process's CPU. What this machine can store with a job that costs nothing beyond storage.
     */
    static Map<String, Object> barePipeline(Broker brokerUnderTest, LocalInfluxd influxd, Settings s, double rate)
            throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("job", "storage only");
        r.put("targetReadingsPerSecond", rate);
        String thisTree = System.getProperty("java.class.path");
        Settings bare = new Settings(
                s.sensors(),
                s.gateways(),
                rate,
                s.perMessage(),
                s.seconds(),
                s.warmup(),
                s.parallelism(),
                s.broker(),
                false,
                thisTree,
                "storage only",
                s.jobHeap(),
                s.stateBackend());
        runJob(brokerUnderTest, influxd, bare, r, "bare", "io.envwatch.stream.StorageOnlyMain", thisTree);
        return r;
    }

    private static void runJob(
            Broker brokerUnderTest,
            LocalInfluxd influxd,
            Settings s,
            Map<String, Object> r,
            String database,
            String mainClass,
            String classpath)
            throws Exception {
        String broker = brokerUnderTest.url();
        Path work = Files.createTempDirectory("envwatch-bench-");
        Path checkpoints = work.resolve("checkpoints");
        InfluxSettings influx = InfluxSettings.v1(influxd.url(), database);
        Path log = Path.of(
                "target",
                "bench",
                "job-" + s.sensors() + "-" + (long) s.rate() + "-" + s.label().replaceAll("\\W+", "-") + ".log");
        try (JobUnderTest job = startJob(broker, influxd, database, mainClass, classpath, s, work, log)) {
            System.out.printf("job (%s) running as process %d, log %s%n", s.label(), job.pid(), log.toAbsolutePath());
            CpuBudget budget = new CpuBudget()
                    .process("job", job.pid())
                    .process("influxd", influxd.pid())
                    .process("broker", brokerUnderTest.pid())
                    .process("benchmark", ProcessHandle.current().pid());
            measure(broker, influx, s, r, job, checkpoints, budget);
            checkpointFigures(job.log(), r);
        } finally {
            LocalProcess.deleteFolder(work);
        }
    }

    /** The job (or its storage path alone) in a JVM of its own, configured through the environment as production is. */
    private static JobUnderTest startJob(
            String broker,
            LocalInfluxd influxd,
            String database,
            String mainClass,
            String classpath,
            Settings s,
            Path work,
            Path log)
            throws IOException {
        Path checkpoints = work.resolve("checkpoints");
        Path registryFile = work.resolve("district.yaml");
        Files.writeString(registryFile, SyntheticDistrict.yaml(s.sensors(), s.gateways()));
        influxd.createDatabase(database);
        Map<String, String> env = new HashMap<>();
        env.put("ENVWATCH_REGISTRY", registryFile.toString());
        env.put("ENVWATCH_MQTT_URL", broker);
        env.put("ENVWATCH_MQTT_CLIENT_ID", "bench-" + database);
        env.put("ENVWATCH_INFLUX_URL", influxd.url());
        env.put("ENVWATCH_INFLUX_DATABASE", database);
        env.put("ENVWATCH_PARALLELISM", Integer.toString(s.parallelism()));
        // No ENVWATCH_CHECKPOINT_MS: the job checkpoints at its own default interval (10 s), or at the one
        // the benchmark's environment names, which the job inherits. The heap backend writes all of the
        // readings' identities at each checkpoint, so the interval sets what they cost.
        env.put("ENVWATCH_CHECKPOINT_DIR", checkpoints.toUri().toString());
        env.put("ENVWATCH_RESTORE", "none");
        env.put("ENVWATCH_STATE_BACKEND", s.stateBackend()); // incremental checkpoints with rocksdb
        // The job's own logging, plus the checkpoint coordinator's "Completed checkpoint" lines (size, duration).
        Path logging = work.resolve("logback.xml");
        Files.writeString(logging, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} %msg%n</pattern></encoder>
                  </appender>
                  <logger name="io.envwatch" level="INFO"/>
                  <logger name="org.apache.flink.runtime.checkpoint.CheckpointCoordinator" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        // The job's own temporary files (Flink's RPC jar, its MiniCluster's folders) go with the work folder.
        Path jvmTemp = Files.createDirectories(work.resolve("tmp"));
        List<String> jvm =
                new ArrayList<>(List.of("-Dlogback.configurationFile=" + logging, "-Djava.io.tmpdir=" + jvmTemp));
        // What the JVM is asked to say about itself, into the job's log (-XX:+PrintCompilation, say).
        String extra =
                System.getenv().getOrDefault("ENVWATCH_BENCH_JOB_JVM", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(Arrays.asList(extra.split("\\s+")));
        }
        return JobUnderTest.start(classpath, env, s.jobHeap(), jvm, log, mainClass);
    }

    private static void measure(
            String broker,
            InfluxSettings influx,
            Settings s,
            Map<String, Object> r,
            JobUnderTest job,
            Path checkpoints,
            CpuBudget budget)
            throws Exception {
        MqttAsyncClient probe = new MqttAsyncClient(broker, "bench-probe", new MemoryPersistence());
        probe.connect().waitForCompletion(10_000);
        // Wait for the job's session: probes sent before it exists would have nowhere to wait. A
        // district of 100,000 sites takes the job minutes to deploy (every operator carries the registry).
        long ready =
                System.nanoTime() + Duration.ofMinutes(2 + s.sensors() / 25_000).toNanos();
        while (count(
                        influx,
                        InfluxQl.count(ReadingPoint.VALUE) + " WHERE "
                                + ReadingPoint.SITE.is(SyntheticDistrict.LATENCY_PROBE))
                < 1) {
            publishProbe(probe, SyntheticDistrict.LATENCY_PROBE, Quantity.NOISE, System.currentTimeMillis(), 40);
            Thread.sleep(200);
            if (System.nanoTime() > ready || !job.isAlive()) {
                throw new IllegalStateException("the job did not start consuming within " + (2 + s.sensors() / 25_000)
                        + " minutes: see " + job.log());
            }
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Long> probesSent = new CopyOnWriteArrayList<>();
        try (GatewayFleet load = new GatewayFleet(
                broker,
                s.sensors(),
                s.gateways(),
                s.perMessage(),
                s.rate(),
                Path.of("target", "bench", "gateways-" + s.sensors() + "-" + (long) s.rate() + ".log"))) {
            load.start();
            Thread.sleep(s.warmup() * 1000L);
            Path profile = Path.of(
                            "target",
                            "bench",
                            "profile-" + s.sensors() + "-" + (long) s.rate() + "-p" + s.parallelism() + "-"
                                    + s.label().replaceAll("\\W+", "-") + ".jfr")
                    .toAbsolutePath();
            if (s.profile()) {
                job.startProfile(profile);
            }
            job.resetPeakHeap();
            r.put("checkpointsInWarmup", completedCheckpoints(job.log()).size());
            long t0 = System.currentTimeMillis();
            Map<String, Double> threads0 = job.cpuByThread();
            budget.process("gateways", load.pid()).begin();
            Thread poller = latencyPoller(influx, probesSent, latencies, t0);
            long alertSent = System.currentTimeMillis();
            long alertSeen = -1;
            long end = t0 + s.seconds() * 1000L;
            while (System.currentTimeMillis() < end) {
                long now = System.currentTimeMillis();
                publishProbe(probe, SyntheticDistrict.LATENCY_PROBE, Quantity.NOISE, now, 40 + probesSent.size() % 10);
                probesSent.add(now);
                // H2S ten times the site's boundary limit (0.10 mg/m3)
                publishProbe(probe, SyntheticDistrict.ALERT_PROBE, Quantity.H2S, now, 1.0);
                if (alertSeen < 0
                        && count(
                                        influx,
                                        InfluxQl.count(DutyAlertPoint.PEAK) + " WHERE "
                                                + DutyAlertPoint.SITE.is(SyntheticDistrict.ALERT_PROBE))
                                > 0) {
                    alertSeen = System.currentTimeMillis();
                }
                Thread.sleep(100);
            }
            long t1 = System.currentTimeMillis();
            CpuBudget.Spent spent = budget.end();
            Map<String, Double> threadCores = new LinkedHashMap<>();
            double window = (System.currentTimeMillis() - t0) / 1000.0;
            job.cpuByThread().entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), (e.getValue() - threads0.getOrDefault(e.getKey(), 0.0)) / window))
                    .filter(e -> e.getValue() >= 0.01)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> threadCores.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
            r.put("jobCoresByThread", threadCores);
            // The job's and the gateways' CPU, from the same readings of /proc as every other process's.
            double jobCpuSeconds = spent.cpuSeconds().get("job");
            double loadCpuSeconds = spent.cpuSeconds().get("gateways");
            double wallSeconds = spent.wallSeconds();
            if (s.profile()) {
                job.stopProfile();
                r.put("profile", Profile.summarise(profile, 15));
            }
            load.stop();
            Thread.sleep(1_000); // acknowledgements still in flight when the gateways stopped
            long acknowledged = load.acknowledgedBetween(t0, t1);
            long storedAtEnd = storedBetween(influx, t0, t1);
            // Drain: what was accepted before t1 must still be stored for the rate to count it.
            long stored = storedAtEnd;
            for (int i = 0; i < 120; i++) {
                Thread.sleep(1000);
                long now = storedBetween(influx, t0, t1);
                if (now == stored && now >= acknowledged) {
                    break;
                }
                stored = now;
            }
            poller.interrupt();
            double seconds = (t1 - t0) / 1000.0;
            r.put("publishedReadingsAcknowledged", acknowledged);
            r.put("storedReadings", stored);
            r.put("storedReadingsPerSecond", Math.round(stored / seconds));
            r.put("storedAtEndOfWindow", storedAtEnd);
            r.put("lagAtEndOfWindowReadings", Math.max(0, acknowledged - storedAtEnd));
            r.put("publishFailures", load.failedMessages());
            r.put("deadLetters", count(influx, InfluxQl.count(DeadLetterPoint.DETAIL)));
            r.put("alertLatencyMs", alertSeen < 0 ? null : alertSeen - alertSent);
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            r.put("latencySamples", sorted.size());
            r.put("latencyP50Ms", percentile(sorted, 50));
            r.put("latencyP95Ms", percentile(sorted, 95));
            r.put("latencyP99Ms", percentile(sorted, 99));
            r.put("cpuBudget", spent.perReading(stored));
            r.put("jobCpuCores", Math.round(jobCpuSeconds / wallSeconds * 100) / 100.0);
            r.put("cpuMicrosPerReading", stored == 0 ? null : Math.round(jobCpuSeconds * 1e6 / stored * 10) / 10.0);
            r.put("loadGeneratorCpuCores", Math.round(loadCpuSeconds / wallSeconds * 100) / 100.0);
            r.put("peakHeapMiB", job.peakHeapMiB());
            Long p99 = percentile(sorted, 99);
            r.put("checkpointBytes", latestCheckpointBytes(checkpoints));
            r.put(
                    "keptUp",
                    stored >= acknowledged * 0.99 && storedAtEnd >= acknowledged * 0.95 && p99 != null && p99 < 1000);
        } finally {
            probe.disconnect().waitForCompletion(5_000);
            probe.close(true);
        }
    }

    private static final Pattern COMPLETED =
            Pattern.compile("Completed checkpoint (\\d+) .*?\\((\\d+) bytes, checkpointDuration=(\\d+) ms");

    /** The coordinator's "Completed checkpoint" lines so far: [size, duration ms] each. */
    static List<long[]> completedCheckpoints(Path log) throws IOException {
        List<long[]> done = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = COMPLETED.matcher(line);
            if (m.find()) {
                done.add(new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
            }
        }
        return done;
    }

    /** The checkpoints completed after the warm-up: how long they took, and the size the coordinator reports. */
    static void checkpointFigures(Path log, Map<String, Object> r) throws IOException {
        List<long[]> done = completedCheckpoints(log);
        List<long[]> measured =
                done.subList(Math.min(done.size(), (int) r.getOrDefault("checkpointsInWarmup", 0)), done.size());
        r.put("checkpointsCompleted", measured.size());
        r.put("checkpointMs", measured.stream().mapToLong(c -> c[1]).max().orElse(-1));
        r.put(
                "checkpointMsMean",
                Math.round(measured.stream().mapToLong(c -> c[1]).average().orElse(-1)));
        r.put("checkpointReportedBytes", measured.isEmpty() ? -1 : measured.get(measured.size() - 1)[0]);
    }

    /**
     * How fast one core of this machine is right now: milliseconds to sort 5 million random longs
     * and count 500,000 string keys in a HashMap, best of three (ordinary branchy JVM work, unlike
     * hashing, which CPUs accelerate). Hosts of the same kind differ, and one host from day to day,
     * so every result carries it.
     */
    static long cpuCalibrationMs() {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            SplittableRandom random = new SplittableRandom(42);
            long[] values = new long[5_000_000];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextLong();
            }
            long t0 = System.nanoTime();
            Arrays.sort(values);
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < 500_000; i++) {
                counts.merge(Long.toString(values[i * 10] % 100_000), 1, Integer::sum);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1_000_000 + (counts.isEmpty() ? 1 : 0));
        }
        return best;
    }

    /** The size on disk of the newest completed checkpoint (its folder chk-N): how big the job's state is. */
    static long latestCheckpointBytes(Path checkpoints) throws IOException {
        Optional<String> latest =
                CheckpointRecovery.latestCheckpoint(checkpoints.toUri().toString());
        Path newest = latest.map(uri -> Path.of(URI.create(uri))).orElse(null);
        if (newest == null) {
            return -1;
        }
        long bytes = 0;
        // The job's folder: chk-N (all of heap state; RocksDB's metadata) and shared/ (RocksDB's files
        // that incremental checkpoints share): what restoring needs.
        try (var files = Files.walk(newest.getParent())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(p);
            }
        }
        return bytes;
    }

    private static double ratio(double a, double b) {
        return Math.round(a / b * 100) / 100.0;
    }

    private static Long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty()
                ? null
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long storedBetween(InfluxSettings influx, long t0, long t1) {
        return count(
                influx,
                InfluxQl.count(ReadingPoint.VALUE) + " WHERE " + ReadingPoint.SITE.quoted()
                        + " =~ /^S[0-9]+$/ AND time >= " + t0 + "ms AND time < " + t1 + "ms");
    }

    /** Watches for probe readings: each one's publish time is its timestamp, so latency is when it shows up minus that. */
    private static Thread latencyPoller(InfluxSettings influx, List<Long> sent, List<Long> latencies, long from) {
        Thread t = new Thread(
                () -> {
                    long seenUpTo = from;
                    while (!Thread.currentThread().isInterrupted()) {
                        List<Row> rows = rows(
                                influx,
                                InfluxQl.select(ReadingPoint.MEASUREMENT, ReadingPoint.VALUE) + " WHERE "
                                        + ReadingPoint.SITE.is(SyntheticDistrict.LATENCY_PROBE) + " AND time > "
                                        + seenUpTo + "ms");
                        long now = System.currentTimeMillis();
                        for (Row row : rows) {
                            long ts = row.time().toEpochMilli();
                            latencies.add(now - ts);
                            seenUpTo = Math.max(seenUpTo, ts);
                        }
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "bench-latency");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void publishProbe(MqttAsyncClient client, String site, Quantity quantity, long ts, double value)
            throws MqttException {
        MqttMessage message = new MqttMessage(ReadingCodec.encode(
                SyntheticDistrict.PROBE_GATEWAY,
                List.of(new Reading(site, quantity, value, ts, SyntheticDistrict.PROBE_GATEWAY))));
        message.setQos(1);
        client.publish(ReadingCodec.topicFor(SyntheticDistrict.PROBE_GATEWAY), message);
    }

    /** A count, or 0 while InfluxDB does not answer (the run goes on; the figure says so). */
    private static long count(InfluxSettings influx, String q) {
        try {
            return new InfluxQlRows(influx).count(q);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static List<Row> rows(InfluxSettings influx, String q) {
        try {
            return new InfluxQlRows(influx).rows(q);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    static String table(List<Map<String, Object>> results) {
        String row =
                "%-12s %-8s %-9s %-3s %-11s %-11s %-7s %-7s %-7s %-9s %-8s %-9s %-6s %-8s %-8s %-9s %-9s %-9s %-9s %-8s %-8s%n";
        StringBuilder t = new StringBuilder(String.format(
                row,
                "job",
                "sensors",
                "backend",
                "p",
                "target r/s",
                "stored r/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "alert ms",
                "vs bare",
                "vs influx",
                "cores",
                "µs/rdg",
                "all µs",
                "machine",
                "heap MiB",
                "chkpt KiB",
                "chkpt ms",
                "kept up",
                "calib ms"));
        for (Map<String, Object> r : results) {
            t.append(String.format(
                    row,
                    r.get("job"),
                    r.get("sensors"),
                    r.get("stateBackend"),
                    r.get("parallelism"),
                    String.format("%,.0f", (double) r.get("targetReadingsPerSecond")),
                    String.format("%,d", (long) r.get("storedReadingsPerSecond")),
                    r.get("latencyP50Ms"),
                    r.get("latencyP95Ms"),
                    r.get("latencyP99Ms"),
                    r.get("alertLatencyMs"),
                    r.getOrDefault("ratioToBareSubscriber", "-"),
                    r.getOrDefault("ratioToInfluxWrite", "-"),
                    r.get("jobCpuCores"),
                    r.get("cpuMicrosPerReading"),
                    budget(r, "processes", "microsPerReading"),
                    budget(r, "machine", "cores"),
                    r.get("peakHeapMiB"),
                    (long) r.get("checkpointBytes") / 1024,
                    r.getOrDefault("checkpointMs", "-"),
                    r.get("keptUp"),
                    r.getOrDefault("cpuCalibrationMs", "-")));
        }
        for (Map<String, Object> r : results) {
            if (r.get("cpuBudget") instanceof Map<?, ?> spent) {
                StringBuilder line = new StringBuilder();
                spent.forEach((name, f) -> line.append(String.format(
                        "%s%s %s µs (%s cores)",
                        line.isEmpty() ? "" : ", ",
                        name,
                        ((Map<?, ?>) f).get("microsPerReading"),
                        ((Map<?, ?>) f).get("cores"))));
                t.append(String.format(
                        "%nCPU per stored reading at %,.0f readings/s (%s), every process (/proc) and the whole machine: %s%n",
                        (double) r.get("targetReadingsPerSecond"), r.get("job"), line));
            }
            if (r.get("jobCoresByThread") instanceof Map<?, ?> threads) {
                t.append(String.format(
                        "%njob (%s) cores by thread, garbage collector and compiler included (/proc): %s%n",
                        r.get("job"), threads));
            }
            if (r.get("profile") instanceof Map<?, ?> profile) {
                t.append(String.format(
                        "%nwhere the CPU went at %,.0f readings/s, %s sensors, parallelism %s (%s samples, %s):%n",
                        (double) r.get("targetReadingsPerSecond"),
                        r.get("sensors"),
                        r.get("parallelism"),
                        profile.get("samples"),
                        profile.get("file")));
                for (String view : List.of("byThread", "byLibrary", "topMethods")) {
                    t.append("  ").append(view).append(":\n");
                    ((Map<?, ?>) profile.get(view))
                            .forEach((k, v) -> t.append(String.format("    %5.1f %%  %s%n", (double) v, k)));
                }
            }
        }
        if (!results.isEmpty()) {
            t.append(String.format(
                    "this machine: %s cores; one core's calibration (sort 5M longs + 500k map updates): %s ms%n",
                    results.get(0).get("cores"), results.get(0).get("cpuCalibrationMs")));
        }
        if (!results.isEmpty() && results.get(0).containsKey("bareSubscriberReadingsPerSecond")) {
            Map<String, Object> first = results.get(0);
            Map<?, ?> pipeline = (Map<?, ?>) first.get("barePipeline");
            t.append(String.format(
                    "baselines: bare pipeline (the job's storage path alone) at %,.0f readings/s: stored %,d/s, p99 %s ms,"
                            + " kept up %s, every process %s µs per reading; bare Paho subscriber %,.0f readings/s;"
                            + " influxd writes %,.0f points/s%n",
                    (double) pipeline.get("targetReadingsPerSecond"),
                    (long) pipeline.get("storedReadingsPerSecond"),
                    pipeline.get("latencyP99Ms"),
                    pipeline.get("keptUp"),
                    budget(castMap(pipeline), "processes", "microsPerReading"),
                    (double) first.get("bareSubscriberReadingsPerSecond"),
                    (double) first.get("influxWritePointsPerSecond")));
        }
        return t.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** One figure of a run's CPU budget, or "-" for a run without one. */
    private static Object budget(Map<String, Object> r, String process, String figure) {
        return r.get("cpuBudget") instanceof Map<?, ?> spent && spent.get(process) instanceof Map<?, ?> f
                ? f.get(figure)
                : "-";
    }

    /** Counts deliveries and nothing else: the subscriber half of the delivery baseline. */
    private record Counting(AtomicLong messages) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            messages.incrementAndGet();
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
