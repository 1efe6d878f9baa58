package io.envwatch.stream.readings;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.district.readings.Decoded;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PayloadTimeTest {
    private static final ReadingCodec CODEC = new ReadingCodec(RegistryLoader.sample());
    private static final String TOPIC = ReadingCodec.topicFor("gw-fenggang-01");
    private static final long NOW = 1_800_000_000_000L;
    private final PayloadTime time = new PayloadTime(CODEC);

    private static String noise(String sensor, long ts, String value) {
        return "{\"sensor\":\"" + sensor + "\",\"ts\":" + ts + ",\"quantity\":\"noise\",\"value\":" + value
                + ",\"unit\":\"dB(A)\"}";
    }

    private static MqttPayload message(String topic, String... readings) {
        return new MqttPayload(
                topic, ("{\"readings\":[" + String.join(",", readings) + "]}").getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void aMessagesTimeIsItsNewestAcceptedReading() {
        MqttPayload batch = message(
                TOPIC,
                noise("FE-N01", NOW - 30_000, "60.0"),
                noise("FE-N02", NOW - 10_000, "61.0"),
                noise("FE-N01", NOW - 20_000, "62.0"));
        assertThat(time.extractTimestamp(batch, Long.MIN_VALUE)).isEqualTo(NOW - 10_000);
    }

    @Test
    void refusedReadingsDoNotMoveEventTimeHoweverPlausibleTheirTime() {
        // A reading of a sensor no registry knows, one with no value and one beyond the clock's skew,
        // each newer than the one good reading of the message.
        MqttPayload hostile = message(
                TOPIC,
                noise("FE-N01", NOW - 60_000, "60.0"),
                noise("XX-N99", NOW, "60.0"),
                noise("FE-N02", NOW - 1_000, "NaN"),
                noise("FE-N02", NOW + 3_600_000, "60.0"));
        assertThat(time.extractTimestamp(hostile, Long.MIN_VALUE)).isEqualTo(NOW - 60_000);
        MqttPayload noneGood = message(TOPIC, noise("XX-N99", NOW, "60.0"));
        assertThat(time.extractTimestamp(noneGood, Long.MIN_VALUE)).isEqualTo(TimestampAssigner.NO_TIMESTAMP);
        MqttPayload notJson = new MqttPayload(TOPIC, "{\"readings\":[{\"ts\":".getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(time.extractTimestamp(notJson, Long.MIN_VALUE)).isEqualTo(TimestampAssigner.NO_TIMESTAMP);
    }

    @Test
    void complaintsHaveNoEventTimeHere() {
        MqttPayload complaint =
                new MqttPayload(ComplaintCodec.topicFor("hotline"), "{}".getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(time.extractTimestamp(complaint, Long.MIN_VALUE)).isEqualTo(TimestampAssigner.NO_TIMESTAMP);
        assertThat(complaint.decoded).isNull();
    }

    /** The decoding step takes the readings and dead letters the assigner decoded, the same as its own decoding. */
    @Test
    void theDecodingStepUsesTheAssignersDecodingAndGetsTheSameAnswer() throws Exception {
        List<MqttPayload> kept = new ArrayList<>();
        List<MqttPayload> fresh = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String[] readings = {noise("FE-N01", NOW - 60_000 + i, "60." + i), noise("XX-N99", NOW, "60.0")};
            kept.add(message(TOPIC, readings));
            fresh.add(message(TOPIC, readings));
        }
        kept.forEach(m -> time.extractTimestamp(m, Long.MIN_VALUE));
        assertThat(kept).allSatisfy(m -> assertThat(m.decoded).isNotNull());
        // Marks what the assigner decoded, so that the output shows which decoding was used.
        Decoded marked = kept.get(0).decoded;
        marked.readings().get(0).gateway = "decoded-by-the-assigner";

        List<Reading> fromKept = decode(kept);
        List<Reading> fromFresh = decode(fresh);
        assertThat(fromKept.get(0).gateway).isEqualTo("decoded-by-the-assigner");
        fromKept.get(0).gateway = fromFresh.get(0).gateway;
        assertThat(fromKept).isEqualTo(fromFresh).hasSize(3);
    }

    private static List<Reading> decode(List<MqttPayload> messages) throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new DecodeReadings(CODEC)))) {
            harness.open();
            for (MqttPayload m : messages) {
                harness.processElement(new StreamRecord<>(m, 0));
            }
            assertThat(harness.getSideOutput(DecodeReadings.DEAD_LETTERS)).hasSize(messages.size());
            return harness.extractOutputValues();
        }
    }
}
