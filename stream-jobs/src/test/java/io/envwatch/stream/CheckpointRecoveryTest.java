package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointRecoveryTest {
    @Test
    void theNewestCompleteCheckpointOfAnyRunIsChosenByWhenItWasWritten(@TempDir Path root) throws Exception {
        // An earlier run got further in numbers; a later run (restored, or started fresh) wrote last.
        metadata(root.resolve("run-a/chk-57"), "2026-11-27T10:00:00Z");
        metadata(root.resolve("run-b/chk-3"), "2026-11-28T09:00:00Z");
        Files.createDirectories(root.resolve("run-b/chk-4")); // being written: no _metadata yet
        Files.createDirectories(root.resolve("run-b/shared"));
        assertThat(CheckpointRecovery.latestCheckpoint(root.toUri().toString()))
                .hasValueSatisfying(p -> assertThat(p).endsWith("run-b/chk-3"));
        assertThat(CheckpointRecovery.latestCheckpoint(
                        root.resolve("nothing-here").toUri().toString()))
                .isEmpty();
    }

    @Test
    void settingsResumeTheLatestUnlessToldOtherwiseAndTheClusterFolderWins(@TempDir Path root) throws Exception {
        metadata(root.resolve("run-a/chk-1"), "2026-11-28T09:00:00Z");
        String dir = root.toUri().toString();
        Configuration latest = CheckpointRecovery.settings(Map.of("ENVWATCH_CHECKPOINT_DIR", dir), new Configuration());
        assertThat(latest.get(StateRecoveryOptions.SAVEPOINT_PATH)).endsWith("run-a/chk-1");
        assertThat(latest.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo(dir);

        Configuration none = CheckpointRecovery.settings(
                Map.of("ENVWATCH_CHECKPOINT_DIR", dir, "ENVWATCH_RESTORE", "none"), new Configuration());
        assertThat(none.getOptional(StateRecoveryOptions.SAVEPOINT_PATH)).isEmpty();

        Configuration cluster = new Configuration();
        cluster.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "file:///elsewhere");
        assertThat(CheckpointRecovery.settings(Map.of("ENVWATCH_CHECKPOINT_DIR", dir), cluster)
                        .get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo("file:///elsewhere");
    }

    @Test
    void rocksDbIsASettingWithIncrementalCheckpointsUnlessTheClusterChoseAlready() {
        Configuration heap = CheckpointRecovery.settings(Map.of("ENVWATCH_RESTORE", "none"), new Configuration());
        assertThat(heap.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(heap.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
        Configuration rocks = CheckpointRecovery.settings(
                Map.of("ENVWATCH_RESTORE", "none", "ENVWATCH_STATE_BACKEND", "RocksDB"), new Configuration());
        assertThat(rocks.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(rocks.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        Configuration full = CheckpointRecovery.settings(
                Map.of(
                        "ENVWATCH_RESTORE",
                        "none",
                        "ENVWATCH_STATE_BACKEND",
                        "rocksdb",
                        "ENVWATCH_CHECKPOINT_INCREMENTAL",
                        "false"),
                new Configuration());
        assertThat(full.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
        assertThat(rocks.get(CheckpointRecovery.ROCKSDB_TIMERS)).isEqualTo("HEAP");
        assertThat(heap.getOptional(CheckpointRecovery.ROCKSDB_TIMERS)).isEmpty();
        Configuration rocksTimers = CheckpointRecovery.settings(
                Map.of(
                        "ENVWATCH_RESTORE",
                        "none",
                        "ENVWATCH_STATE_BACKEND",
                        "rocksdb",
                        "ENVWATCH_ROCKSDB_TIMERS",
                        "RocksDB"),
                new Configuration());
        assertThat(rocksTimers.get(org.apache.flink.state.rocksdb.RocksDBOptions.TIMER_SERVICE_FACTORY))
                .isEqualTo(org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType.ROCKSDB);
        assertThatThrownBy(() -> CheckpointRecovery.settings(
                        Map.of("ENVWATCH_STATE_BACKEND", "rocksdb", "ENVWATCH_ROCKSDB_TIMERS", "disk"),
                        new Configuration()))
                .hasMessageContaining("ENVWATCH_ROCKSDB_TIMERS must be rocksdb or heap, not disk");
        Configuration cluster = new Configuration();
        cluster.set(StateBackendOptions.STATE_BACKEND, "forst");
        assertThat(CheckpointRecovery.settings(
                                Map.of("ENVWATCH_RESTORE", "none", "ENVWATCH_STATE_BACKEND", "rocksdb"), cluster)
                        .getOptional(StateBackendOptions.STATE_BACKEND))
                .isEmpty();
        assertThatThrownBy(() ->
                        CheckpointRecovery.settings(Map.of("ENVWATCH_STATE_BACKEND", "memory"), new Configuration()))
                .hasMessageContaining("ENVWATCH_STATE_BACKEND must be hashmap or rocksdb, not memory");
    }

    private static void metadata(Path checkpoint, String written) throws Exception {
        Files.createDirectories(checkpoint);
        Path file = Files.writeString(checkpoint.resolve("_metadata"), "x");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(written)));
    }
}
