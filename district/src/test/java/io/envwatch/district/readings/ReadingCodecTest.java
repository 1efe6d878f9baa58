package io.envwatch.district.readings;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingCodecTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final long NOW = Instant.parse("2026-11-21T14:00:00Z").toEpochMilli();
    private static final String TOPIC = ReadingCodec.topicFor("gw-fenggang-01");
    private final ReadingCodec codec = new ReadingCodec(REGISTRY, 4096, Duration.ofMinutes(5));

    private Decoded decode(String json) {
        return codec.decode(TOPIC, json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static String reading(String body) {
        return "{\"gateway\":\"gw-fenggang-01\",\"readings\":[" + body + "]}";
    }

    @Test
    void validBatchOfSeveralSensorsAndQuantities() {
        Decoded d = decode(reading("""
                {"sensor":"FE-N01","ts":%d,"quantity":"noise","value":58.5,"unit":"dB(A)"},
                {"sensor":"FE-O01","ts":"2026-11-21T21:59:00+08:00","quantity":"h2s","value":45,"unit":"ug/m3"},
                {"sensor":"FE-O01","ts":%d,"quantity":"odour","value":12,"unit":"OU"}
                """.formatted(NOW - 1000, NOW)));
        assertThat(d.deadLetters()).isEmpty();
        assertThat(d.readings())
                .containsExactly(
                        new Reading("FE-N01", Quantity.NOISE, 58.5, NOW - 1000, "gw-fenggang-01"),
                        new Reading(
                                "FE-O01",
                                Quantity.H2S,
                                0.045,
                                Instant.parse("2026-11-21T13:59:00Z").toEpochMilli(),
                                "gw-fenggang-01"),
                        new Reading("FE-O01", Quantity.ODOUR, 12, NOW, "gw-fenggang-01"));
        assertThat(d.readings().get(1).unit).isEqualTo("mg/m3");
    }

    @Test
    void eachBadReadingIsRefusedWithItsReasonAndTheGoodOnesPass() {
        String good = "{\"sensor\":\"FE-N01\",\"ts\":%d,\"quantity\":\"noise\",\"value\":50,\"unit\":\"dB(A)\"}"
                .formatted(NOW);
        List<String> bad = List.of(
                "{\"sensor\":\"XX-99\",\"ts\":%d,\"quantity\":\"noise\",\"value\":50,\"unit\":\"dB(A)\"}"
                        .formatted(NOW),
                "{\"sensor\":\"TA-N01\",\"ts\":%d,\"quantity\":\"noise\",\"value\":50,\"unit\":\"dB(A)\"}"
                        .formatted(NOW),
                "{\"sensor\":\"FE-N01\",\"ts\":%d,\"quantity\":\"radon\",\"value\":50,\"unit\":\"Bq\"}".formatted(NOW),
                "{\"sensor\":\"FE-N01\",\"ts\":%d,\"quantity\":\"tp\",\"value\":0.1,\"unit\":\"mg/L\"}".formatted(NOW),
                "{\"sensor\":\"FE-N01\",\"ts\":%d,\"quantity\":\"noise\",\"value\":50,\"unit\":\"Pa\"}".formatted(NOW),
                "{\"sensor\":\"FE-N01\",\"ts\":%d,\"quantity\":\"noise\",\"value\":NaN,\"unit\":\"dB(A)\"}"
                        .formatted(NOW),
                "{\"sensor\":\"FE-N01\",\"ts\":%d,\"quantity\":\"noise\",\"value\":-3,\"unit\":\"dB(A)\"}"
                        .formatted(NOW),
                "{\"sensor\":\"FE-N01\",\"ts\":%d,\"quantity\":\"noise\",\"value\":50,\"unit\":\"dB(A)\"}"
                        .formatted(NOW + 301_000),
                "{\"sensor\":\"FE-N01\",\"ts\":1000,\"quantity\":\"noise\",\"value\":50,\"unit\":\"dB(A)\"}",
                "{\"sensor\":\"FE-N01\",\"ts\":\"yesterday\",\"quantity\":\"noise\",\"value\":50,\"unit\":\"dB(A)\"}",
                "{\"sensor\":\"FE-N01\",\"ts\":%d,\"quantity\":\"noise\",\"value\":\"50\",\"unit\":\"dB(A)\"}"
                        .formatted(NOW),
                "{\"ts\":%d,\"quantity\":\"noise\",\"value\":50,\"unit\":\"dB(A)\"}".formatted(NOW),
                "42",
                "{\"sensor\":\"FE-N01\",\"ts\":%d,\"quantity\":\"noise\",\"value\":Infinity,\"unit\":\"dB(A)\"}"
                        .formatted(NOW));
        Decoded d = decode(reading(good + "," + String.join(",", bad) + "," + good));
        assertThat(d.readings()).hasSize(2);
        assertThat(d.deadLetters())
                .extracting(x -> x.reason)
                .containsExactly(
                        "UNKNOWN_SENSOR",
                        "SENSOR_NOT_ON_GATEWAY",
                        "UNKNOWN_QUANTITY",
                        "QUANTITY_NOT_MEASURED_AT_SITE",
                        "UNKNOWN_UNIT",
                        "NOT_FINITE",
                        "OUT_OF_RANGE",
                        "FUTURE_TIMESTAMP",
                        "BAD_TIMESTAMP",
                        "BAD_TIMESTAMP",
                        "WRONG_TYPE",
                        "MISSING_FIELD",
                        "WRONG_TYPE",
                        "NOT_FINITE");
        assertThat(d.deadLetters())
                .extracting(x -> x.index)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        assertThat(d.deadLetters().get(0).detail).contains("XX-99");
        assertThat(d.deadLetters().get(0).raw).contains("XX-99");
        assertThat(d.deadLetters().get(0).receivedAt).isEqualTo(NOW);
    }

    @Test
    void phosphorusAbove100MgPerLitreIsImpossible() {
        Decoded d = codec.decode(
                ReadingCodec.topicFor("gw-river-01"),
                reading("{\"sensor\":\"W-QILING\",\"ts\":%d,\"quantity\":\"tp\",\"value\":100.5,\"unit\":\"mg/L\"}"
                                .formatted(NOW))
                        .replace("gw-fenggang-01", "gw-river-01")
                        .getBytes(StandardCharsets.UTF_8),
                NOW);
        assertThat(d.deadLetters())
                .singleElement()
                .satisfies(x -> assertThat(x.reason).isEqualTo("OUT_OF_RANGE"));
    }

    @Test
    void wholeMessageFailures() {
        assertThat(decode("{not json").deadLetters()).singleElement().satisfies(x -> {
            assertThat(x.reason).isEqualTo("INVALID_JSON");
            assertThat(x.index).isEqualTo(-1);
            assertThat(x.raw).isEqualTo("{not json");
        });
        assertThat(decode("[1,2]").deadLetters()).extracting(x -> x.reason).containsExactly("INVALID_JSON");
        assertThat(decode("{\"gateway\":\"gw-other\",\"readings\":[]}").deadLetters())
                .extracting(x -> x.reason)
                .containsExactly("GATEWAY_MISMATCH");
        assertThat(decode("x".repeat(5000)).deadLetters()).singleElement().satisfies(x -> {
            assertThat(x.reason).isEqualTo("OVERSIZE");
            assertThat(x.raw).hasSize(ReadingCodec.RAW_EXCERPT_CHARS);
        });
        assertThat(codec.decode("other/topic", new byte[0], NOW).deadLetters())
                .extracting(x -> x.reason)
                .containsExactly("BAD_TOPIC");
    }

    @Test
    void aReadingMayCarryItsInstrumentsFlagAndOnlyNormalOnesAreEvidence() {
        String noise = "{\"sensor\":\"FE-N01\",\"ts\":%d,\"quantity\":\"noise\",\"value\":50,\"unit\":\"dB(A)\"%s}";
        Decoded d = decode(reading(String.join(
                ",",
                noise.formatted(NOW - 4, ""),
                noise.formatted(NOW - 3, ",\"flag\":\"N\""),
                noise.formatted(NOW - 2, ",\"flag\":\"C\""),
                noise.formatted(NOW - 1, ",\"flag\":\"X\""),
                noise.formatted(NOW, ",\"flag\":7"))));
        assertThat(d.readings()).extracting(r -> r.flag).containsExactly(null, null, "C");
        assertThat(d.readings()).extracting(Reading::evidence).containsExactly(true, true, false);
        assertThat(d.deadLetters()).extracting(x -> x.reason).containsExactly("UNKNOWN_FLAG", "WRONG_TYPE");
        assertThat(d.deadLetters().get(0).detail).isEqualTo("flag X is none of N F M S D C T B");
    }

    @Test
    void encodeThenDecodeIsLossless() {
        List<Reading> batch = List.of(
                new Reading("FE-N01", Quantity.NOISE, 61.25, NOW - 5, "gw-fenggang-01"),
                new Reading("FE-O01", Quantity.NH3, 1.75, NOW - 4, "gw-fenggang-01"),
                new Reading("FE-N01", Quantity.NOISE, 70, NOW - 3, "gw-fenggang-01").flagged(DataFlag.C));
        Decoded d = codec.decode(TOPIC, ReadingCodec.encode("gw-fenggang-01", batch), NOW);
        assertThat(d.deadLetters()).isEmpty();
        assertThat(d.readings()).isEqualTo(batch);
    }

    @Test
    void everyTextADeadLetterKeepsIsBoundedAndSaysHowLongItWas() {
        ReadingCodec roomy = new ReadingCodec(REGISTRY, ReadingCodec.DEFAULT_MAX_PAYLOAD_BYTES, Duration.ofMinutes(5));
        String sensor = "S".repeat(200_000);
        Decoded d = roomy.decode(
                TOPIC,
                reading("{\"sensor\":\"" + sensor
                                + "\",\"ts\":1,\"quantity\":\"noise\",\"value\":1,\"unit\":\"dB(A)\"}")
                        .getBytes(StandardCharsets.UTF_8),
                NOW);
        DeadLetter dead = d.deadLetters().get(0);
        assertThat(dead.reason).isEqualTo("UNKNOWN_SENSOR");
        assertThat(dead.sensor).hasSizeLessThan(DeadLetter.MAX_ID_CHARS + 40).endsWith("[cut, 200000 chars]");
        assertThat(dead.detail).hasSizeLessThan(DeadLetter.MAX_TEXT_CHARS + 40).contains("[cut, ");
        assertThat(dead.raw).hasSizeLessThan(DeadLetter.MAX_TEXT_CHARS + 40);
        assertThat(DeadLetter.bounded("short", 10)).isEqualTo("short");
        assertThat(DeadLetter.bounded("a\uD83D\uDE00b", 2)).isEqualTo("a...[cut, 4 chars]");
    }

    @Test
    void aMessageOfManyBadReadingsGivesABoundedNumberOfDeadLetters() {
        ReadingCodec roomy = new ReadingCodec(REGISTRY, ReadingCodec.DEFAULT_MAX_PAYLOAD_BYTES, Duration.ofMinutes(5));
        String good = "{\"sensor\":\"FE-N01\",\"ts\":%d,\"quantity\":\"noise\",\"value\":50,\"unit\":\"dB(A)\"}"
                .formatted(NOW);
        String body = "1,".repeat(99_999) + "{\"sensor\":\"NOPE\"}," + good;
        Decoded d = roomy.decode(TOPIC, reading(body).getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(d.readings()).hasSize(1);
        assertThat(d.deadLetters()).hasSize(ReadingCodec.MAX_DEAD_LETTERS_PER_MESSAGE + 1);
        DeadLetter summary = d.deadLetters().get(ReadingCodec.MAX_DEAD_LETTERS_PER_MESSAGE);
        assertThat(summary.reason).isEqualTo("TOO_MANY_REJECTED");
        assertThat(summary.index).isEqualTo(-1);
        assertThat(summary.detail).startsWith("99900 more readings").contains("WRONG_TYPE=99899", "UNKNOWN_SENSOR=1");
    }
}
