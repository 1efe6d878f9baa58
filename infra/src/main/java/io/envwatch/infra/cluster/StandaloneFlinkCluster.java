package io.envwatch.infra.cluster;

import io.envwatch.local.LocalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A Flink standalone session cluster on this machine, started the way Flink's {@code bin/} scripts
 * start one: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers
 * ({@code TaskManagerRunner}) as separate JVMs over a {@code lib/} folder and a {@code conf/}
 * folder with a {@code config.yaml}, each JVM's memory flags and dynamic settings derived from
 * that file by Flink's own process-memory code (what {@code BashJavaUtils} prints for the
 * scripts), and the JVM options of {@code env.java.opts.*}. {@code flink-dist} is not on Maven
 * Central; {@code infra/flink-cluster} assembles the {@code lib/} folder from the modules it bundles.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {
    private static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    /** What Flink's distributed config.yaml sets in env.java.opts.all, for Kryo, Pekko and the file systems on Java 17. */
    static final String JAVA_OPTS = Stream.of(
                    "--add-exports=java.base/sun.net.util",
                    "--add-exports=java.rmi/sun.rmi.registry",
                    "--add-exports=java.security.jgss/sun.security.krb5",
                    "--add-opens=java.base/java.lang",
                    "--add-opens=java.base/java.net",
                    "--add-opens=java.base/java.io",
                    "--add-opens=java.base/java.nio",
                    "--add-opens=java.base/sun.nio.ch",
                    "--add-opens=java.base/java.lang.reflect",
                    "--add-opens=java.base/java.text",
                    "--add-opens=java.base/java.time",
                    "--add-opens=java.base/java.util",
                    "--add-opens=java.base/java.util.concurrent",
                    "--add-opens=java.base/java.util.concurrent.atomic",
                    "--add-opens=java.base/java.util.concurrent.locks")
            .map(o -> o + "=ALL-UNNAMED")
            .collect(Collectors.joining(" "));

    private final Path lib;
    private final Path home;
    private final Configuration config;
    private final List<FlinkProcess> processes = new ArrayList<>();
    private int taskManagers;

    private StandaloneFlinkCluster(Path lib, Path home, Configuration config) {
        this.lib = lib;
        this.home = home;
        this.config = config;
    }

    /**
     * Writes {@code home/conf/config.yaml} (loopback addresses, free ports, checkpoints and
     * savepoints under {@code home}, fast failure detection, a restart strategy) with the given
     * settings on top, and the Log4j configuration; starts nothing yet.
     */
    public static StandaloneFlinkCluster prepare(Path lib, Path home, Map<String, String> settings) {
        if (!Files.isRegularFile(lib.resolve("flink-runtime-" + flinkVersion(lib) + ".jar"))) {
            throw new IllegalArgumentException(lib + " is not a Flink lib folder: build it with"
                    + " mvn -B -q package -pl infra/flink-cluster -am -DskipTests");
        }
        try {
            Path conf = Files.createDirectories(home.resolve("conf"));
            Files.createDirectories(home.resolve("log"));
            Map<String, String> yaml = new LinkedHashMap<>();
            yaml.put("jobmanager.rpc.address", "127.0.0.1");
            yaml.put("jobmanager.rpc.port", Integer.toString(LocalProcess.freePort()));
            yaml.put("jobmanager.bind-host", "127.0.0.1");
            yaml.put("jobmanager.memory.process.size", "768m");
            yaml.put("taskmanager.bind-host", "127.0.0.1");
            yaml.put("taskmanager.host", "127.0.0.1");
            yaml.put("taskmanager.numberOfTaskSlots", "2");
            yaml.put("taskmanager.memory.process.size", "1280m");
            yaml.put("parallelism.default", "2");
            yaml.put("rest.address", "127.0.0.1");
            yaml.put("rest.bind-address", "127.0.0.1");
            yaml.put("rest.port", Integer.toString(LocalProcess.freePort()));
            yaml.put("blob.server.port", Integer.toString(LocalProcess.freePort()));
            yaml.put(
                    "execution.checkpointing.dir",
                    home.resolve("checkpoints").toUri().toString());
            yaml.put(
                    "execution.checkpointing.savepoint-dir",
                    home.resolve("savepoints").toUri().toString());
            yaml.put("restart-strategy.type", "fixed-delay");
            yaml.put("restart-strategy.fixed-delay.attempts", "1000");
            yaml.put("restart-strategy.fixed-delay.delay", "1 s");
            // A TaskManager killed with -9 is noticed in seconds, not after the 50-s default.
            yaml.put("heartbeat.interval", "1000");
            yaml.put("heartbeat.timeout", "6000");
            yaml.put("io.tmp.dirs", Files.createDirectories(home.resolve("tmp")).toString());
            yaml.put(
                    "web.upload.dir",
                    Files.createDirectories(home.resolve("uploads")).toString());
            yaml.put("env.java.opts.all", JAVA_OPTS);
            yaml.putAll(settings);
            Files.writeString(
                    conf.resolve("config.yaml"),
                    "# Written by StandaloneFlinkCluster for a cluster under "
                            + home + "\n"
                            + yaml.entrySet().stream()
                                    .map(e -> e.getKey() + ": " + quote(e.getValue()))
                                    .collect(Collectors.joining("\n", "", "\n")));
            Files.writeString(
                    conf.resolve("log4j.properties"),
                    String.join(
                            "\n",
                            "rootLogger.level = INFO",
                            "rootLogger.appenderRef.file.ref = MainAppender",
                            "appender.main.name = MainAppender",
                            "appender.main.type = File",
                            "appender.main.fileName = ${sys:log.file}",
                            "appender.main.append = true",
                            "appender.main.layout.type = PatternLayout",
                            "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                            "logger.pekko.name = org.apache.pekko",
                            "logger.pekko.level = WARN",
                            ""));
            return new StandaloneFlinkCluster(lib, home, GlobalConfiguration.loadConfiguration(conf.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String value) {
        return value.matches("[A-Za-z0-9_./:@=+-]+( [A-Za-z0-9_./:@=+-]+)*")
                ? value
                : "'" + value.replace("'", "''") + "'";
    }

    static String flinkVersion(Path lib) {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("flink-runtime-[0-9.]+\\.jar"))
                    .map(n -> n.substring("flink-runtime-".length(), n.length() - ".jar".length()))
                    .findFirst()
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    public Path home() {
        return home;
    }

    public Configuration config() {
        return config;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + config.getString("rest.port", "8081");
    }

    public FlinkRest rest() {
        return new FlinkRest(restUrl());
    }

    /** The JobManager, with its memory as Flink derives it from jobmanager.memory.process.size. */
    public FlinkProcess startJobManager() {
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(config);
        List<String> jvm = split(JobManagerProcessUtils.generateJvmParametersStr(spec, config));
        jvm.addAll(split(config.getString("env.java.opts.jobmanager", "")));
        return start("jobmanager", jvm, JOB_MANAGER, split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
    }

    /** One more TaskManager, with its memory as Flink derives it from taskmanager.memory.process.size. */
    public FlinkProcess startTaskManager() {
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(config);
        List<String> jvm = split(ProcessMemoryUtils.generateJvmParametersStr(spec));
        jvm.addAll(split(config.getString("env.java.opts.taskmanager", "")));
        String name = "taskmanager-" + taskManagers++;
        List<String> dynamic = split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec));
        // Its id in the REST API is its name, so a test can tell which process runs which subtask.
        dynamic.addAll(List.of("-D", "taskmanager.resource-id=" + name));
        return start(name, jvm, TASK_MANAGER, dynamic);
    }

    private FlinkProcess start(String name, List<String> jvm, String main, List<String> dynamic) {
        Path log = home.resolve("log").resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(split(config.getString("env.java.opts.all", "")));
        command.add("-Dlog.file=" + log);
        // Every file the JVM makes (Flink's RPC jar among them) under the cluster's folder, also when it is killed.
        command.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
        command.add("-Dlog4j.configurationFile=file:" + home.resolve("conf").resolve("log4j.properties"));
        command.add("-classpath");
        command.add(classpath());
        command.add(main);
        command.add("--configDir");
        command.add(home.resolve("conf").toString());
        command.addAll(dynamic);
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("log").resolve(name + ".out").toFile());
            // As Flink's config.sh exports it: code in the JobManager (a job's main) finds the cluster's file by it.
            builder.environment().put("FLINK_CONF_DIR", home.resolve("conf").toString());
            Process process = builder.start();
            FlinkProcess started = new FlinkProcess(name, process, log);
            processes.add(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String classpath() {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> p.toString().endsWith(".jar"))
                    .sorted()
                    .map(Path::toString)
                    .collect(Collectors.joining(java.io.File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> split(String options) {
        return new ArrayList<>(Arrays.stream(options.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList());
    }

    /** Stops every process it started: TaskManagers first, then the JobManager. */
    @Override
    public void close() {
        List<FlinkProcess> reversed = new ArrayList<>(processes);
        java.util.Collections.reverse(reversed);
        reversed.forEach(FlinkProcess::stop);
    }

    /** One JVM of the cluster. */
    public static final class FlinkProcess {
        private final String name;
        private final Process process;
        private final Path log;

        FlinkProcess(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
        }

        public String name() {
            return name;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public Path log() {
            return log;
        }

        /** kill -9: nothing flushed, no goodbye to the JobManager. */
        public void kill() {
            process.destroyForcibly();
            await(Duration.ofSeconds(20));
        }

        /** SIGTERM, as {@code bin/taskmanager.sh stop} does; -9 after 20 s. */
        public void stop() {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            if (!await(Duration.ofSeconds(20))) {
                kill();
            }
        }

        private boolean await(Duration timeout) {
            try {
                return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public String toString() {
            return name + " (pid " + pid() + ")";
        }
    }
}
