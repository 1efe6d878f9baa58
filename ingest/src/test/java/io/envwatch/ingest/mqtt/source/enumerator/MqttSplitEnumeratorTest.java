package io.envwatch.ingest.mqtt.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.ingest.mqtt.source.split.MqttSplit;
import java.util.List;
import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

/**
 * The enumerator with Flink's testing context: sessions are made once and each goes to the reader
 * of its index; a failed reader's session waits for that reader, in the checkpoint if need be.
 */
class MqttSplitEnumeratorTest {
    /** A restored enumerator has its sessions and never asks the broker. */
    private static final MqttSplitEnumerator.SessionCount NOT_ASKED = () -> {
        throw new AssertionError("asked the broker");
    };

    @Test
    void aFirstStartKeepsEverySessionAnEarlierRunLeftOnTheBroker() {
        TestingSplitEnumeratorContext<MqttSplit> context = new TestingSplitEnumeratorContext<>(1);
        MqttSplitEnumerator enumerator = new MqttSplitEnumerator(context, "job", null, () -> 4);
        enumerator.start();
        context.registerReader(0, "localhost");
        enumerator.addReader(0);
        assertThat(context.getSplitAssignments().get(0).getAssignedSplits())
                .containsExactly(
                        new MqttSplit("job-0", 0, 4),
                        new MqttSplit("job-1", 1, 4),
                        new MqttSplit("job-2", 2, 4),
                        new MqttSplit("job-3", 3, 4));
    }

    @Test
    void aFirstStartThatCannotAskTheBrokerFailsRatherThanGuess() {
        TestingSplitEnumeratorContext<MqttSplit> context = new TestingSplitEnumeratorContext<>(2);
        MqttSplitEnumerator enumerator = new MqttSplitEnumerator(context, "job", null, () -> {
            throw new java.io.IOException("connection refused");
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(enumerator::start)
                .hasMessageContaining("cannot ask the broker which sessions of job it holds (connection refused)");
    }

    @Test
    void theFirstStartMakesOneSessionPerReaderAndHandsEachToItsReader() {
        TestingSplitEnumeratorContext<MqttSplit> context = new TestingSplitEnumeratorContext<>(3);
        MqttSplitEnumerator enumerator = new MqttSplitEnumerator(context, "job", null, () -> 0);
        enumerator.start();
        for (int reader = 2; reader >= 0; reader--) {
            context.registerReader(reader, "localhost");
            enumerator.addReader(reader);
        }
        for (int reader = 0; reader < 3; reader++) {
            assertThat(context.getSplitAssignments().get(reader).getAssignedSplits())
                    .containsExactly(new MqttSplit("job-" + reader, reader, 3));
        }
        assertThat(enumerator.snapshotState(1)).isEqualTo(new MqttEnumeratorState(true, List.of()));
    }

    @Test
    void aFailedReadersSessionWaitsForItThroughACheckpointAndARestart() {
        TestingSplitEnumeratorContext<MqttSplit> context = new TestingSplitEnumeratorContext<>(2);
        MqttSplitEnumerator enumerator =
                new MqttSplitEnumerator(context, "job", new MqttEnumeratorState(true, List.of()), NOT_ASKED);
        enumerator.start();
        MqttSplit second = new MqttSplit("job-1", 1, 2);
        enumerator.addSplitsBack(List.of(second), 1);
        assertThat(context.getSplitAssignments()).isEmpty();
        MqttEnumeratorState checkpoint = enumerator.snapshotState(7);
        assertThat(checkpoint.unassigned()).containsExactly(second);

        TestingSplitEnumeratorContext<MqttSplit> after = new TestingSplitEnumeratorContext<>(2);
        MqttSplitEnumerator restored = new MqttSplitEnumerator(after, "job", checkpoint, NOT_ASKED);
        restored.start();
        after.registerReader(0, "localhost");
        restored.addReader(0);
        assertThat(after.getSplitAssignments())
                .as("not another reader's session")
                .isEmpty();
        after.registerReader(1, "localhost");
        restored.addReader(1);
        assertThat(after.getSplitAssignments().get(1).getAssignedSplits()).containsExactly(second);
        assertThat(restored.snapshotState(8).unassigned()).isEmpty();
    }

    @Test
    void withFewerReadersThanSessionsTheSessionsWrapRoundSoNoneIsLeftUnread() {
        TestingSplitEnumeratorContext<MqttSplit> context = new TestingSplitEnumeratorContext<>(2);
        List<MqttSplit> four = List.of(
                new MqttSplit("job-0", 0, 4),
                new MqttSplit("job-1", 1, 4),
                new MqttSplit("job-2", 2, 4),
                new MqttSplit("job-3", 3, 4));
        MqttSplitEnumerator enumerator =
                new MqttSplitEnumerator(context, "job", new MqttEnumeratorState(true, four), NOT_ASKED);
        enumerator.start();
        for (int reader = 0; reader < 2; reader++) {
            context.registerReader(reader, "localhost");
            enumerator.addReader(reader);
        }
        assertThat(context.getSplitAssignments().get(0).getAssignedSplits()).containsExactly(four.get(0), four.get(2));
        assertThat(context.getSplitAssignments().get(1).getAssignedSplits()).containsExactly(four.get(1), four.get(3));
    }
}
