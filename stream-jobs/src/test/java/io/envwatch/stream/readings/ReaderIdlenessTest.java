package io.envwatch.stream.readings;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ReaderIdlenessTest {
    @Test
    void theReceivingTaskPassesWatermarksAndReadingsOnButNotIdleness() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ReaderIdleness.EndsHere<String>())) {
            harness.open();
            harness.processElement(new StreamRecord<>("a", 1_000));
            harness.processWatermark(new Watermark(900));
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            harness.processElement(new StreamRecord<>("b", 5_000)); // a reading while every reader is idle
            harness.processWatermarkStatus(WatermarkStatus.ACTIVE);
            harness.processWatermark(new Watermark(4_900));
            assertThat(harness.getOutput())
                    .containsExactly(
                            new StreamRecord<>("a", 1_000),
                            new Watermark(900),
                            new StreamRecord<>("b", 5_000),
                            new Watermark(4_900));
        }
    }
}
