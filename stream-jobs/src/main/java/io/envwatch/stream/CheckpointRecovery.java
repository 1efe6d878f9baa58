package io.envwatch.stream;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the job keeps its checkpoints and what it resumes from when it starts. A complaint the duty
 * service answered 202 may wait in the job's state for its evidence window long after the broker
 * was told it was safe; only a restart from the latest checkpoint keeps it. So checkpoints go to
 * a file system (not the JobManager's heap, with its 5 MiB limit), are retained when the job stops
 * or dies, and a start resumes from the newest complete one unless told otherwise
 * (docs/reliability.md, docs/configuration.md).
 */
public final class CheckpointRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointRecovery.class);
    static final String METADATA = "_metadata";
    /**
     * Where the RocksDB backend keeps timers: on the heap (ours) or in RocksDB (Flink's default).
     * Every noise reading sets timers in its site's task; at 100,000 sensors, timers in RocksDB made
     * its checkpoints slow enough to put p99 at 2.6-2.8 s, on the heap 0.65-0.87 s (BENCHMARKS.md,
     * 2026-11-29, "one registry per JVM"), for a larger checkpoint (heap timers are written whole each time). By key, so
     * that the job does not need the RocksDB backend's classes unless it is used.
     */
    static final ConfigOption<String> ROCKSDB_TIMERS = ConfigOptions.key("state.backend.rocksdb.timer-service.factory")
            .stringType()
            .noDefaultValue();

    private CheckpointRecovery() {}

    /** The default checkpoint folder when neither Flink's configuration nor ENVWATCH_CHECKPOINT_DIR names one. */
    static String defaultDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "envwatch-checkpoints")
                .toUri()
                .toString();
    }

    /**
     * Where keyed state lives: on the heap ({@code hashmap}, the default: fastest while it fits) or
     * in RocksDB on local disk with incremental checkpoints ({@code rocksdb}: a city's state, where
     * each checkpoint uploads only what changed since the last). The cluster's own
     * {@code state.backend.type} wins, as for the checkpoint folder.
     */
    static void stateBackend(Map<String, String> env, ReadableConfig cluster, Configuration conf) {
        if (cluster.getOptional(StateBackendOptions.STATE_BACKEND).isPresent()) {
            LOG.info(
                    "EnvWatch job: state backend {} as the cluster's settings say",
                    cluster.get(StateBackendOptions.STATE_BACKEND));
            return;
        }
        String backend =
                env.getOrDefault("ENVWATCH_STATE_BACKEND", "hashmap").trim().toLowerCase(Locale.ROOT);
        if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
            throw new IllegalArgumentException("ENVWATCH_STATE_BACKEND must be hashmap or rocksdb, not " + backend);
        }
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        boolean incremental = JobSettings.flag(env, "ENVWATCH_CHECKPOINT_INCREMENTAL", backend.equals("rocksdb"));
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, incremental);
        String timers =
                env.getOrDefault("ENVWATCH_ROCKSDB_TIMERS", "heap").trim().toLowerCase(Locale.ROOT);
        if (!timers.equals("rocksdb") && !timers.equals("heap")) {
            throw new IllegalArgumentException("ENVWATCH_ROCKSDB_TIMERS must be rocksdb or heap, not " + timers);
        }
        if (backend.equals("rocksdb")) {
            conf.set(ROCKSDB_TIMERS, timers.toUpperCase(Locale.ROOT));
        }
        LOG.info(
                "EnvWatch job: state in {}{}{}",
                backend,
                incremental ? ", incremental checkpoints" : "",
                backend.equals("rocksdb") ? ", timers in " + timers : "");
    }

    /**
     * The settings to add to the cluster's: the checkpoint interval and folder (Flink's own
     * {@code execution.checkpointing.dir} wins over ENVWATCH_CHECKPOINT_DIR), retention on cancel and
     * failure, and, per ENVWATCH_RESTORE ({@code latest}, the default; {@code none}; or a checkpoint
     * or savepoint path), the state to start from, and per ENVWATCH_ALLOW_NON_RESTORED_STATE whether
     * state of operators the job no longer has may be dropped.
     */
    public static Configuration settings(Map<String, String> env, ReadableConfig cluster) {
        Configuration conf = new Configuration();
        conf.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL,
                Duration.ofMillis(Long.parseLong(env.getOrDefault("ENVWATCH_CHECKPOINT_MS", "10000"))));
        String dir = cluster.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)
                .orElse(env.getOrDefault("ENVWATCH_CHECKPOINT_DIR", defaultDirectory()));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        stateBackend(env, cluster, conf);
        if (JobSettings.flag(env, "ENVWATCH_ALLOW_NON_RESTORED_STATE", false)) {
            LOG.warn("EnvWatch job: state of operators this version no longer has is dropped at restore"
                    + " (ENVWATCH_ALLOW_NON_RESTORED_STATE=true); Flink logs which");
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        if (cluster.getOptional(StateRecoveryOptions.SAVEPOINT_PATH).isPresent()) {
            LOG.info(
                    "EnvWatch job: resuming from {} as the cluster's settings say",
                    cluster.get(StateRecoveryOptions.SAVEPOINT_PATH));
            return conf;
        }
        String restore = env.getOrDefault("ENVWATCH_RESTORE", "latest").trim();
        if (restore.equals("none")) {
            LOG.info("EnvWatch job: starting without state (ENVWATCH_RESTORE=none); checkpoints go to {}", dir);
        } else if (restore.equals("latest")) {
            Optional<String> latest = latestCheckpoint(dir);
            if (latest.isPresent()) {
                LOG.info("EnvWatch job: resuming from the latest retained checkpoint {}", latest.get());
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, latest.get());
            } else {
                LOG.info("EnvWatch job: no retained checkpoint under {}: starting without state", dir);
            }
        } else {
            LOG.info("EnvWatch job: resuming from {} (ENVWATCH_RESTORE)", restore);
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restore);
        }
        return conf;
    }

    /**
     * The newest complete checkpoint (a {@code chk-N} folder with its {@code _metadata} written)
     * under any job's folder of the checkpoint directory: each run of the job writes under a new
     * job id, so the newest is found by when its metadata was written, not by its number.
     */
    public static Optional<String> latestCheckpoint(String directory) {
        try {
            org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(directory);
            FileSystem fs = root.getFileSystem();
            if (!fs.exists(root)) {
                return Optional.empty();
            }
            FileStatus newest = null;
            org.apache.flink.core.fs.Path newestCheckpoint = null;
            for (FileStatus job : list(fs, root)) {
                if (!job.isDir()) {
                    continue;
                }
                for (FileStatus checkpoint : list(fs, job.getPath())) {
                    if (!checkpoint.isDir() || !checkpoint.getPath().getName().startsWith("chk-")) {
                        continue;
                    }
                    org.apache.flink.core.fs.Path metadata =
                            new org.apache.flink.core.fs.Path(checkpoint.getPath(), METADATA);
                    FileStatus status;
                    try {
                        status = fs.getFileStatus(metadata);
                    } catch (FileNotFoundException e) {
                        continue; // still being written, abandoned, or just subsumed and deleted by a running job
                    }
                    if (newest == null || status.getModificationTime() > newest.getModificationTime()) {
                        newest = status;
                        newestCheckpoint = checkpoint.getPath();
                    }
                }
            }
            return Optional.ofNullable(newestCheckpoint).map(org.apache.flink.core.fs.Path::toString);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for retained checkpoints under " + directory, e);
        }
    }

    /** The folder's entries, none if it vanished meanwhile (a running job deletes subsumed checkpoints). */
    private static FileStatus[] list(FileSystem fs, org.apache.flink.core.fs.Path dir) throws IOException {
        try {
            FileStatus[] entries = fs.listStatus(dir);
            return entries == null ? new FileStatus[0] : entries;
        } catch (FileNotFoundException e) {
            return new FileStatus[0];
        }
    }
}
