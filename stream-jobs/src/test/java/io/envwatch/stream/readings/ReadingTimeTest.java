package io.envwatch.stream.readings;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ReadingTimeTest {
    private static final Reading OLDER = new Reading("FE-N01", Quantity.NOISE, 60.0, 40_000, "gw-fenggang-01");
    private static final Reading NEWER = new Reading("FE-N02", Quantity.NOISE, 61.0, 50_000, "gw-fenggang-01");

    @Test
    void eachReadingTakesItsOwnTimeAndTheSourcesWatermarksAndIdlenessPassUnchanged() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ReadingTime())) {
            harness.open();
            // Both leave the decoding with their message's time, its newest reading's.
            harness.processElement(new StreamRecord<>(OLDER, 50_000));
            harness.processElement(new StreamRecord<>(NEWER, 50_000));
            harness.processWatermark(new Watermark(30_000));
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            harness.processWatermarkStatus(WatermarkStatus.ACTIVE);
            assertThat(harness.getOutput())
                    .containsExactly(
                            new StreamRecord<>(OLDER, 40_000),
                            new StreamRecord<>(NEWER, 50_000),
                            new Watermark(30_000),
                            WatermarkStatus.IDLE,
                            WatermarkStatus.ACTIVE);
        }
    }

    /** The source's own end-of-time watermark does not come through a chained output that last said idle. */
    @Test
    void theEndOfInputWhileIdleSaysActiveAndEndsEventTime() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ReadingTime())) {
            harness.open();
            harness.processElement(new StreamRecord<>(OLDER, 40_000));
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            harness.endInput();
            assertThat(harness.getOutput())
                    .containsExactly(
                            new StreamRecord<>(OLDER, 40_000),
                            WatermarkStatus.IDLE,
                            WatermarkStatus.ACTIVE,
                            Watermark.MAX_WATERMARK);
        }
    }

    @Test
    void theEndOfTimeIsSaidOnce() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ReadingTime())) {
            harness.open();
            harness.processWatermark(Watermark.MAX_WATERMARK);
            harness.endInput();
            assertThat(harness.getOutput()).containsExactly(Watermark.MAX_WATERMARK);
        }
    }
}
