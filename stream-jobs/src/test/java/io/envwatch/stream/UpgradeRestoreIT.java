package io.envwatch.stream;

import static io.envwatch.stream.EndToEnd.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade that replaced an operator ({@code SiteNoise}, 25b3c8c, replaced the LAeq windows and
 * the night maximum): the new version refuses the old checkpoint, whose state it cannot place,
 * unless ENVWATCH_ALLOW_NON_RESTORED_STATE says to drop that part; the rest is restored. Run on
 * Flink's MiniCluster with the settings the job's main builds.
 */
class UpgradeRestoreIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @Test
    void anOperatorThatIsGoneStopsTheRestoreUnlessItsStateMayBeDropped(@TempDir Path checkpoints) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "ENVWATCH_CHECKPOINT_DIR",
                checkpoints.toUri().toString(),
                "ENVWATCH_CHECKPOINT_MS",
                "200",
                "ENVWATCH_RESTORE",
                "none"));
        JobClient before = run(settings, true);
        await(
                "a retained checkpoint of the old version",
                Duration.ofSeconds(60),
                () -> CheckpointRecovery.latestCheckpoint(checkpoints.toUri().toString())
                        .isPresent());
        before.cancel().get();

        settings.put("ENVWATCH_RESTORE", "latest");
        assertThatThrownBy(() -> run(settings, false).getJobExecutionResult().get())
                .hasStackTraceContaining("Cannot map checkpoint/savepoint state for operator")
                .hasStackTraceContaining("allowNonRestoredState");

        settings.put("ENVWATCH_ALLOW_NON_RESTORED_STATE", "true");
        JobClient upgraded = run(settings, false);
        await(
                "the upgraded job running and checkpointing",
                Duration.ofSeconds(60),
                () -> running(upgraded) && newerCheckpointThan(checkpoints, before));
        upgraded.cancel().get();
    }

    private static boolean running(JobClient job) {
        try {
            return job.getJobStatus().get() == JobStatus.RUNNING;
        } catch (Exception e) {
            throw new AssertionError("the job's status cannot be read", e);
        }
    }

    private static boolean newerCheckpointThan(Path checkpoints, JobClient before) {
        return CheckpointRecovery.latestCheckpoint(checkpoints.toUri().toString())
                .filter(p -> !p.contains(before.getJobID().toString()))
                .isPresent();
    }

    /** A keyed rule kept across versions and, in the old version only, a second one with state of its own. */
    private static JobClient run(Map<String, String> settings, boolean withRetiredRule) throws Exception {
        Configuration conf = CheckpointRecovery.settings(settings, new Configuration());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        DataGeneratorSource<Long> numbers =
                new DataGeneratorSource<>(i -> i, Long.MAX_VALUE, RateLimiterStrategy.perSecond(200), Types.LONG);
        DataStream<Long> counted = env.fromSource(numbers, WatermarkStrategy.noWatermarks(), "numbers")
                .uid("numbers")
                .keyBy(n -> n % 10)
                .process(new Count())
                .uid("kept-rule");
        if (withRetiredRule) {
            counted = counted.keyBy(n -> n % 3).process(new Count()).uid("retired-rule");
        }
        counted.sinkTo(new DiscardingSink<>()).uid("sink");
        return env.executeAsync("upgrade-" + withRetiredRule);
    }

    private static final class Count extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Long> count;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Long n, Context ctx, Collector<Long> out) throws Exception {
            Long c = count.value();
            count.update(c == null ? 1 : c + 1);
            out.collect(n);
        }
    }

    @Test
    void theSettingIsTrueOrFalseNothingElse() {
        assertThat(CheckpointRecovery.settings(Map.of("ENVWATCH_RESTORE", "none"), new Configuration())
                        .get(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE))
                .isFalse();
        assertThatThrownBy(() -> CheckpointRecovery.settings(
                        Map.of("ENVWATCH_RESTORE", "none", "ENVWATCH_ALLOW_NON_RESTORED_STATE", "yes"),
                        new Configuration()))
                .hasMessageContaining(
                        "ENVWATCH_ALLOW_NON_RESTORED_STATE (--allow-non-restored-state) must be true or false, not yes");
    }
}
