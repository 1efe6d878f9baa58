package io.envwatch.infra.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bash infra/flink-cluster.sh}: a standalone Flink session cluster on this machine (a
 * JobManager and TaskManagers as separate JVMs), optionally with the EnvWatch job submitted through
 * its REST API; runs until stopped (Ctrl-C), then stops the cluster.
 *
 * <pre>
 * --lib DIR              the Flink lib folder (infra/flink-cluster/target/lib)
 * --home DIR             conf/, log/, checkpoints/, savepoints/ (default: a new folder under /tmp)
 * --task-managers N      default 2
 * -D key=value           any Flink setting, on top of the defaults (e.g. -D taskmanager.numberOfTaskSlots=4)
 * --submit JAR [-- ARGS] upload the job jar and run it with these program arguments
 * </pre>
 */
public final class FlinkClusterMain {
    private FlinkClusterMain() {}

    public static void main(String[] args) throws Exception {
        Path lib = null;
        Path home = null;
        int taskManagers = 2;
        Path jar = null;
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> jobArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lib" -> lib = Path.of(args[++i]);
                case "--home" -> home = Path.of(args[++i]);
                case "--task-managers" -> taskManagers = Integer.parseInt(args[++i]);
                case "--submit" -> jar = Path.of(args[++i]);
                case "-D" -> {
                    String[] kv = args[++i].split("=", 2);
                    if (kv.length != 2) {
                        throw new IllegalArgumentException("-D takes key=value, not " + args[i]);
                    }
                    settings.put(kv[0], kv[1]);
                }
                case "--" -> {
                    jobArgs.addAll(List.of(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i]
                                    + " (--lib DIR, --home DIR, --task-managers N, -D key=value, --submit JAR [-- job arguments])");
            }
        }
        if (lib == null) {
            throw new IllegalArgumentException("--lib DIR is required (infra/flink-cluster/target/lib)");
        }
        if (home == null) {
            home = Files.createTempDirectory("envwatch-flink-");
        }
        StandaloneFlinkCluster cluster = StandaloneFlinkCluster.prepare(lib, home, settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping the Flink cluster under " + cluster.home());
            cluster.close();
            stopped.countDown();
        }));
        System.out.println("Flink " + StandaloneFlinkCluster.flinkVersion(lib) + " cluster under " + home + " (config "
                + home.resolve("conf/config.yaml") + ", logs " + home.resolve("log") + ")");
        System.out.println("JobManager " + cluster.startJobManager());
        for (int i = 0; i < taskManagers; i++) {
            System.out.println("TaskManager " + cluster.startTaskManager());
        }
        FlinkRest rest = cluster.rest();
        int slots =
                taskManagers * cluster.config().get(org.apache.flink.configuration.TaskManagerOptions.NUM_TASK_SLOTS);
        rest.awaitSlots(slots, Duration.ofMinutes(2));
        System.out.println("Flink web UI and REST API: " + cluster.restUrl() + " (" + slots + " task slots)");
        if (jar != null) {
            String jobId = rest.run(rest.upload(jar), jobArgs, 0, null);
            System.out.println(
                    "submitted " + jar.getFileName() + " " + String.join(" ", masked(jobArgs)) + ": job " + jobId);
        }
        System.out.println("running; Ctrl-C stops the cluster");
        stopped.await();
    }

    /** The arguments with passwords and tokens left out, for the console. */
    static List<String> masked(List<String> args) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean secret = arg.endsWith("password") || arg.endsWith("token");
            if (secret && i + 1 < args.size()) {
                shown.add(arg);
                shown.add("***");
                i++;
            } else {
                shown.add(
                        arg.matches("--[a-z-]*(password|token)=.*")
                                ? arg.substring(0, arg.indexOf('=') + 1) + "***"
                                : arg);
            }
        }
        return shown;
    }
}
