package io.envwatch.district.readings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterCodecTest {
    private static final long NOW = Instant.parse("2026-12-07T02:00:00Z").toEpochMilli();
    private static final String TOPIC = DeadLetterCodec.topicFor("envwatch-hj212");

    @Test
    void aSendersRefusalBecomesADeadLetterOfItsOwn() {
        byte[] m = DeadLetterCodec.encode(
                RejectReason.HJ212_BAD_CRC, "CRC 0000 (from 10.0.0.7)", null, "##0101QN=...", NOW - 5_000);
        DeadLetter d = DeadLetterCodec.decode(TOPIC, m, NOW);
        assertThat(d.reason).isEqualTo("HJ212_BAD_CRC");
        assertThat(d.gateway)
                .as("the sender is the topic's, which the broker's ACL vouches for")
                .isEqualTo("envwatch-hj212");
        assertThat(d.topic).isEqualTo(TOPIC);
        assertThat(d.detail).isEqualTo("CRC 0000 (from 10.0.0.7)");
        assertThat(d.raw).isEqualTo("##0101QN=...");
        assertThat(d.receivedAt).isEqualTo(NOW - 5_000);
    }

    @Test
    void whatIsNoDeadLetterBecomesOneAboutItself() {
        assertThat(DeadLetterCodec.decode(
                                TOPIC,
                                "{\"reason\":\"MADE_UP\",\"detail\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                                NOW)
                        .reason)
                .isEqualTo("INVALID_JSON");
        assertThat(DeadLetterCodec.decode(TOPIC, "not json".getBytes(StandardCharsets.UTF_8), NOW).raw)
                .isEqualTo("not json");
        assertThat(DeadLetterCodec.decode(TOPIC, new byte[DeadLetterCodec.MAX_BYTES + 1], NOW).reason)
                .isEqualTo("OVERSIZE");
        assertThat(DeadLetterCodec.decode("envwatch/v1/rejected/a/b", new byte[0], NOW).reason)
                .isEqualTo("BAD_TOPIC");
    }

    @Test
    void itsTextsAreBoundedAndAnImplausibleTimeIsTheReceivers() {
        String huge = "{\"reason\":\"HJ212_GARBAGE\",\"detail\":\"" + "d".repeat(5_000) + "\",\"sensor\":\""
                + "s".repeat(300) + "\",\"raw\":\"" + "r".repeat(5_000) + "\",\"at\":" + (NOW + 3_600_000) + "}";
        DeadLetter d = DeadLetterCodec.decode(TOPIC, huge.getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(d.detail).hasSizeLessThan(DeadLetter.MAX_TEXT_CHARS + 40).endsWith("...[cut, 5000 chars]");
        assertThat(d.sensor).hasSizeLessThan(DeadLetter.MAX_ID_CHARS + 40);
        assertThat(d.raw).hasSizeLessThanOrEqualTo(DeadLetter.MAX_TEXT_CHARS + 40);
        assertThat(d.receivedAt)
                .as("an hour ahead: the receiver's clock instead")
                .isEqualTo(NOW);
    }
}
