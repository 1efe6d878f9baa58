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
}
