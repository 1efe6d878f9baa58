package io.envwatch.ingest.mqtt.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MqttSessionsTest {
    private final MqttSessions sessions = new MqttSessions();
    private final List<String> acked = new ArrayList<>();

    @BeforeEach
    void setUp() {
        sessions.register("job-0", (id, qos) -> acked.add("job-0:" + id));
        sessions.register("job-1", (id, qos) -> acked.add("job-1:" + id));
        sessions.newEpoch("job-0");
        sessions.newEpoch("job-1");
    }

    private MqttDelivery delivery(String client, int id, int qos) {
        return new MqttDelivery(client, sessions.epoch(client), id, qos, "t", new byte[0], 0);
    }

    @Test
    void nothingIsAcknowledgedBeforeItsCheckpointCompletes() {
        sessions.emitted(delivery("job-0", 1, 1));
        sessions.emitted(delivery("job-1", 7, 1));
        sessions.snapshot(1);
        sessions.emitted(delivery("job-0", 2, 1));
        assertThat(acked).isEmpty();
        assertThat(sessions.pending()).isEqualTo(3);

        sessions.checkpointComplete(1);
        assertThat(acked).containsExactly("job-0:1", "job-1:7");
        assertThat(sessions.pending()).isEqualTo(1);
    }

    @Test
    void aCompletedCheckpointAlsoCoversOlderOnesThatNeverCompleted() {
        sessions.emitted(delivery("job-0", 1, 1));
        sessions.snapshot(1); // this checkpoint is aborted: no completion ever arrives
        sessions.emitted(delivery("job-0", 2, 1));
        sessions.snapshot(2);
        sessions.emitted(delivery("job-0", 3, 1));
        sessions.snapshot(3);
        sessions.checkpointComplete(2);
        assertThat(acked).containsExactly("job-0:1", "job-0:2");
        sessions.checkpointComplete(3);
        assertThat(acked).containsExactly("job-0:1", "job-0:2", "job-0:3");
        assertThat(sessions.pending()).isZero();
        assertThat(sessions.acknowledged()).isEqualTo(3);
    }

    @Test
    void packetIdsFromAnEarlierConnectionAreNeverAcknowledged() {
        sessions.emitted(delivery("job-0", 5, 1));
        sessions.newEpoch("job-0"); // reconnected: the broker resends id 5, possibly reusing ids
        sessions.emitted(delivery("job-0", 5, 1));
        sessions.snapshot(1);
        sessions.checkpointComplete(1);
        assertThat(acked).containsExactly("job-0:5");
    }

    @Test
    void qosZeroNeedsNoAcknowledgement() {
        sessions.emitted(delivery("job-0", 0, 0));
        sessions.snapshot(1);
        sessions.checkpointComplete(1);
        assertThat(acked).isEmpty();
        assertThat(sessions.pending()).isZero();
    }

    @Test
    void aClosedSessionIsNotAcknowledged() {
        sessions.emitted(delivery("job-1", 9, 1));
        sessions.unregister("job-1");
        sessions.snapshot(1);
        sessions.checkpointComplete(1);
        assertThat(acked).isEmpty();
    }

    /** {@code resent} says what the broker does, for the reader of the test: the message carries no such flag. */
    private MqttDelivery message(String client, int id, String payload, boolean resent) {
        return new MqttDelivery(
                client,
                sessions.epoch(client),
                id,
                1,
                "envwatch/v1/readings/gw-1",
                payload.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                0);
    }

    /** Read, then the connection drops before the checkpoint: the broker resends it, the job does not read it again. */
    @Test
    void aCopyResentAfterAReconnectIsAcknowledgedNotReadAgain() {
        assertThat(sessions.admit(message("job-0", 5, "a", false))).isTrue();
        sessions.emitted(message("job-0", 5, "a", false));
        assertThat(sessions.admit(message("job-0", 6, "b", false))).isTrue();
        sessions.emitted(message("job-0", 6, "b", false));
        sessions.newEpoch("job-0");
        assertThat(sessions.admit(message("job-0", 5, "a", true))).as("a copy").isFalse();
        assertThat(sessions.admit(message("job-0", 6, "b", true))).as("a copy").isFalse();
        assertThat(sessions.admit(message("job-0", 7, "c", false))).isTrue();
        sessions.emitted(message("job-0", 7, "c", false));
        sessions.snapshot(1);
        sessions.checkpointComplete(1);
        assertThat(acked)
                .as("the copies on the new connection, and the new message")
                .containsExactly("job-0:5", "job-0:6", "job-0:7");
        assertThat(sessions.copiesSkipped()).isEqualTo(2);
    }

    /** The job dies after a checkpoint, before its acknowledgements: the restored job takes the resent copies as read. */
    @Test
    void afterARestoreTheCopiesTheCheckpointHoldsAreNotReadAgain() {
        sessions.admit(message("job-0", 5, "a", false));
        sessions.emitted(message("job-0", 5, "a", false));
        sessions.admit(message("job-0", 6, "b", false));
        sessions.emitted(message("job-0", 6, "b", false));
        sessions.snapshot(1);
        List<Long> checkpointed = sessions.copiesToCheckpoint("job-0");
        sessions.admit(message("job-0", 7, "c", false)); // after the checkpoint: not in it
        sessions.emitted(message("job-0", 7, "c", false));
        assertThat(checkpointed)
                .containsExactlyInAnyOrder(
                        message("job-0", 5, "a", false).key(),
                        message("job-0", 6, "b", false).key());

        MqttSessions restored = new MqttSessions();
        List<String> restoredAcks = new ArrayList<>();
        restored.register("job-0", (id, qos) -> restoredAcks.add("job-0:" + id));
        restored.expectCopies("job-0", checkpointed);
        restored.newEpoch("job-0");
        MqttDelivery five = new MqttDelivery("job-0", 1, 5, 1, "envwatch/v1/readings/gw-1", "a".getBytes(), 0);
        MqttDelivery seven = new MqttDelivery("job-0", 1, 7, 1, "envwatch/v1/readings/gw-1", "c".getBytes(), 0);
        MqttDelivery six = new MqttDelivery("job-0", 1, 6, 1, "envwatch/v1/readings/gw-1", "b".getBytes(), 0);
        assertThat(restored.admit(five)).as("held by the checkpoint").isFalse();
        assertThat(restored.admit(six)).as("held by the checkpoint").isFalse();
        assertThat(restored.admit(seven))
                .as("read after the checkpoint, lost with the job: read again")
                .isTrue();
        restored.emitted(seven);
        restored.snapshot(2);
        restored.checkpointComplete(2);
        assertThat(restoredAcks).containsExactly("job-0:5", "job-0:6", "job-0:7");
    }

    /** A packet id acknowledged just before a crash may be given to another message: its content tells them apart. */
    @Test
    void aReusedPacketIdWithOtherContentIsRead() {
        sessions.expectCopies("job-0", List.of(message("job-0", 5, "a", false).key()));
        assertThat(sessions.admit(message("job-0", 5, "another", true))).isTrue();
    }

    /** A broker resends what it owes first; after the first message that is no copy, none is waited for (nor held in checkpoints). */
    @Test
    void theFirstNewMessageOfAConnectionEndsTheWaitForCopies() {
        sessions.expectCopies("job-0", List.of(message("job-0", 5, "a", false).key()));
        assertThat(sessions.copiesToCheckpoint("job-0")).hasSize(1);
        assertThat(sessions.admit(message("job-0", 9, "z", false))).isTrue();
        sessions.emitted(message("job-0", 9, "z", false));
        assertThat(sessions.copiesToCheckpoint("job-0"))
                .containsExactly(message("job-0", 9, "z", false).key());
        assertThat(sessions.admit(message("job-0", 5, "a", true))).isTrue();
    }

    /** Another session's copies are its own. */
    @Test
    void copiesAreKeptPerSession() {
        sessions.expectCopies("job-1", List.of(message("job-1", 5, "a", false).key()));
        assertThat(sessions.admit(message("job-0", 5, "a", true))).isTrue();
        assertThat(sessions.admit(message("job-1", 5, "a", true))).isFalse();
    }
}
