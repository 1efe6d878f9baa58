package io.envwatch.stream.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.complaints.Complaint;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** A complaint id taken once, across a restore, and forgotten after the horizon of processing time. */
class ComplaintOnceTest {
    private static final long KEEP = 30L * 24 * 3_600_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, Complaint, Complaint> once(
            OperatorSubtaskState restored) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ComplaintOnce(KEEP)), (Complaint c) -> c.id, Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    private static Complaint complaint(String id) {
        Complaint c = new Complaint();
        c.id = id;
        c.category = "noise";
        c.observedAt = 1_000;
        return c;
    }

    @Test
    void aResentComplaintIsTakenOnceAcrossARestoreUntilTheHorizon() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = once(null)) {
            before.setProcessingTime(0);
            before.processElement(complaint("C-1"), 1_000);
            before.processElement(complaint("C-1"), 1_000);
            before.processElement(complaint("C-2"), 1_000);
            assertThat(before.extractOutputValues()).extracting(c -> c.id).containsExactly("C-1", "C-2");
            snapshot = before.snapshot(1, 1);
        }
        try (var after = once(snapshot)) {
            after.setProcessingTime(KEEP - 1);
            after.processElement(complaint("C-2"), 1_000);
            after.processElement(complaint("C-3"), 1_000);
            after.setProcessingTime(KEEP);
            after.processElement(complaint("C-1"), 1_000); // the horizon has passed: a new filing
            assertThat(after.extractOutputValues()).extracting(c -> c.id).containsExactly("C-3", "C-1");
        }
    }
}
