package io.envwatch.stream.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.complaints.Complaint;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ComplaintTimeTest {
    @Test
    void complaintsTakeTheirObservedTimeAndTheStreamStaysIdleEvenAtTheEndOfInput() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ComplaintTime())) {
            harness.open();
            Complaint c = new Complaint();
            c.id = "C-1";
            c.observedAt = 1_000;
            harness.processElement(new StreamRecord<>(c, 99_000)); // filed much later
            harness.processWatermarkStatus(WatermarkStatus.ACTIVE);
            harness.processWatermark(new Watermark(50_000));
            harness.processWatermark(Watermark.MAX_WATERMARK);
            assertThat(harness.getOutput()).hasSize(2).first().isEqualTo(WatermarkStatus.IDLE);
            assertThat(harness.getOutput()).element(1).isInstanceOfSatisfying(StreamRecord.class, r -> {
                assertThat(r.getTimestamp()).isEqualTo(1_000);
                assertThat(((Complaint) r.getValue()).id).isEqualTo("C-1");
            });
        }
    }
}
