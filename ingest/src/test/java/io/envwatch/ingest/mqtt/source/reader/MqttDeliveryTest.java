package io.envwatch.ingest.mqtt.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The key that tells a resent message from another one. */
class MqttDeliveryTest {
    private static MqttDelivery delivery(int id, String topic, String payload) {
        return new MqttDelivery("job-0", 1, id, 1, topic, payload.getBytes(StandardCharsets.UTF_8), 0);
    }

    @Test
    void aResentMessageHasTheKeyItHadWhateverConnectionOrTimeItCameOn() {
        String batch =
                "{\"readings\":[{\"sensor\":\"FE-N01\",\"ts\":1795831200000,\"quantity\":\"noise\",\"value\":72.0}]}";
        MqttDelivery first = delivery(7, "envwatch/v1/readings/gw-a", batch);
        MqttDelivery resent = new MqttDelivery(
                "job-0", 3, 7, 1, "envwatch/v1/readings/gw-a", batch.getBytes(StandardCharsets.UTF_8), 99);
        assertThat(resent.key()).isEqualTo(first.key());
        assertThat(first.key() >>> 48).as("the packet id on top").isEqualTo(7);
    }

    @Test
    void anotherIdTopicStartEndOrLengthIsAnotherKey() {
        String batch = "{\"readings\":[{\"sensor\":\"FE-N01\",\"ts\":1795831200000}]}" + "x".repeat(1_000) + "]}";
        long key = delivery(7, "t/a", batch).key();
        assertThat(delivery(8, "t/a", batch).key()).isNotEqualTo(key);
        assertThat(delivery(7, "t/b", batch).key()).isNotEqualTo(key);
        assertThat(delivery(7, "t/a", batch.replace("1795831200000", "1795831210000"))
                        .key())
                .as("start")
                .isNotEqualTo(key);
        assertThat(delivery(7, "t/a", batch.substring(0, batch.length() - 2) + "}}")
                        .key())
                .as("end")
                .isNotEqualTo(key);
        assertThat(delivery(7, "t/a", batch + " ").key()).as("length").isNotEqualTo(key);
    }

    /** The documented limit: only the ends of a long payload are read. */
    @Test
    void aLongPayloadDifferingOnlyInTheMiddleHasTheSameKey() {
        String a = "s".repeat(200) + "A" + "e".repeat(200);
        String b = "s".repeat(200) + "B" + "e".repeat(200);
        assertThat(delivery(7, "t", a).key()).isEqualTo(delivery(7, "t", b).key());
    }
}
