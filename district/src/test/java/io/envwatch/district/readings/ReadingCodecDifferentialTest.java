package io.envwatch.district.readings;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.registry.Site;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The token-stream decoder against the JSON-tree decoder it stands in front of, over a fuzzed
 * corpus of gateway messages: valid batches in any field order, with extra and duplicate fields,
 * every kind of bad reading, numbers and timestamps of every shape, and byte-level damage. The
 * answers (readings and every dead letter's reason, detail, excerpt) must be the same.
 */
class ReadingCodecDifferentialTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final long NOW = Instant.parse("2026-11-21T14:00:00Z").toEpochMilli();
    private static final String GATEWAY = "gw-fenggang-01";
    private static final String TOPIC = ReadingCodec.topicFor(GATEWAY);
    private final ReadingCodec codec = new ReadingCodec(REGISTRY, 16 * 1024, Duration.ofMinutes(5));
    private final List<String> ownSensors = REGISTRY.sites().stream()
            .filter(s -> s.gateway().equals(GATEWAY))
            .map(Site::id)
            .sorted()
            .toList();
    private final List<String> otherSensors = REGISTRY.sites().stream()
            .filter(s -> !s.gateway().equals(GATEWAY))
            .map(Site::id)
            .sorted()
            .toList();

    @Test
    void bothDecodersGiveTheSameAnswerOnAFuzzedCorpus() {
        Random random = new Random(20261129);
        int clean = 0;
        int total = 30_000;
        for (int n = 0; n < total; n++) {
            byte[] payload = message(random).getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(8) == 0) {
                payload = damage(payload, random);
            }
            Decoded expected = codec.decodeTree(TOPIC, payload, NOW);
            Decoded actual = codec.decode(TOPIC, payload, NOW);
            String text = new String(payload, StandardCharsets.UTF_8);
            assertThat(actual.readings()).as("readings of %s", text).isEqualTo(expected.readings());
            assertThat(describe(actual.deadLetters()))
                    .as("dead letters of %s", text)
                    .isEqualTo(describe(expected.deadLetters()));
            if (codec.decodeClean(GATEWAY, payload, NOW) != null) {
                clean++;
            }
        }
        // Not a comparison of the tree with itself: a good share of the corpus takes the stream path.
        assertThat(clean).isGreaterThan(total / 10);
    }

    @Test
    void whatGatewaysSendTakesTheStreamPath() {
        Random random = new Random(7);
        for (int n = 0; n < 200; n++) {
            List<Reading> readings = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(100); i++) {
                readings.add(new Reading(
                                ownSensors.get(0).startsWith("FE-N") ? ownSensors.get(0) : "FE-N01",
                                Quantity.NOISE,
                                30 + random.nextInt(600) / 10.0,
                                NOW - random.nextInt(600_000),
                                GATEWAY)
                        .flagged(DataFlag.values()[random.nextInt(3) == 0 ? random.nextInt(8) : 0]));
            }
            byte[] payload = ReadingCodec.encode(GATEWAY, readings);
            assertThat(codec.decodeClean(GATEWAY, payload, NOW))
                    .isNotNull()
                    .extracting(Decoded::readings)
                    .isEqualTo(readings);
        }
    }

    private static String describe(List<DeadLetter> letters) {
        return letters.stream()
                .map(d -> String.join(
                        "|",
                        d.reason,
                        d.detail,
                        d.topic,
                        String.valueOf(d.gateway),
                        String.valueOf(d.sensor),
                        String.valueOf(d.index),
                        String.valueOf(d.raw),
                        String.valueOf(d.receivedAt)))
                .collect(Collectors.joining("\n"));
    }

    private String message(Random random) {
        List<String> fields = new ArrayList<>();
        StringBuilder readings = new StringBuilder("[");
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            readings.append(i == 0 ? "" : ",")
                    .append(random.nextInt(40) == 0 ? oneOf(random, "42", "null", "[]", "\"r\"") : reading(random));
        }
        readings.append("]");
        fields.add("\"readings\":" + (random.nextInt(40) == 0 ? oneOf(random, "{}", "null", "7") : readings));
        switch (random.nextInt(12)) {
            case 0 -> {}
            case 1 -> fields.add("\"gateway\":null");
            case 2 -> fields.add("\"gateway\":\"gw-other\"");
            case 3 -> fields.add("\"gateway\":" + oneOf(random, "1", "true", "{}"));
            case 4 -> fields.add("\"readings\":[]");
            default -> fields.add("\"gateway\":\"" + GATEWAY + "\"");
        }
        if (random.nextInt(4) == 0) {
            fields.add("\"fw\":" + oneOf(random, "\"1.2\"", "{\"a\":[1,{\"b\":null}]}", "[\"readings\"]", "3.5e2"));
        }
        if (random.nextInt(30) == 0) {
            fields.add("\"gateway\":\"" + GATEWAY + "\"");
        }
        Collections.shuffle(fields, random);
        String body = "{" + String.join(random.nextBoolean() ? "," : " ,\n ", fields) + "}";
        return switch (random.nextInt(40)) {
            case 0 -> body + " trailing";
            case 1 -> body + " {}";
            case 2 -> "[" + body + "]";
            case 3 -> "";
            default -> random.nextBoolean() ? body : " \n" + body + "\t";
        };
    }

    private String reading(Random random) {
        boolean bad = random.nextInt(3) == 0;
        List<String> fields = new ArrayList<>();
        String sensor = ownSensors.get(random.nextInt(ownSensors.size()));
        Site site = REGISTRY.site(sensor).orElseThrow();
        List<Quantity> measured = java.util.Arrays.stream(Quantity.values())
                .filter(q -> site.measures(q.kind()))
                .toList();
        Quantity q = measured.get(random.nextInt(measured.size()));
        fields.add("\"sensor\":"
                + (bad && random.nextInt(6) == 0
                        ? oneOf(
                                random,
                                "\"XX-99\"",
                                "\"" + otherSensors.get(0) + "\"",
                                "12",
                                "null",
                                "[\"" + sensor + "\"]")
                        : "\"" + sensor + "\""));
        fields.add("\"quantity\":"
                + (bad && random.nextInt(6) == 0
                        ? oneOf(random, "\"radon\"", "\"tp\"", "\"noise\"", "3", "null")
                        : "\"" + q.wireName() + "\""));
        fields.add("\"unit\":"
                + (bad && random.nextInt(6) == 0
                        ? oneOf(random, "\"Pa\"", "null", "1", "\"ug/m3\"")
                        : "\"" + unitOf(q, random) + "\""));
        fields.add("\"value\":"
                + (bad && random.nextInt(4) == 0
                        ? oneOf(
                                random,
                                "NaN",
                                "Infinity",
                                "-Infinity",
                                "\"50\"",
                                "-3",
                                "1e400",
                                "99999999999999999999999",
                                "null",
                                "true")
                        : number(q, random)));
        fields.add("\"ts\":"
                + (bad && random.nextInt(4) == 0
                        ? oneOf(
                                random,
                                "1000",
                                "\"yesterday\"",
                                String.valueOf(NOW + 301_000),
                                "1.7e12",
                                "99999999999999999999",
                                "null",
                                "{}",
                                "\"2026-11-21T13:00:00\"")
                        : timestamp(random)));
        switch (random.nextInt(6)) {
            case 0 -> fields.add("\"flag\":\"" + oneOf(random, "N", "C", "M", "D", "T") + "\"");
            case 1 ->
                fields.add("\"flag\":"
                        + (bad ? oneOf(random, "\"X\"", "\"CC\"", "\"\"", "\"n\"", "1", "null", "[\"C\"]") : "\"F\""));
            default -> {}
        }
        if (random.nextInt(5) == 0) {
            fields.remove(random.nextInt(fields.size()));
        }
        if (random.nextInt(8) == 0) {
            // A field twice, with another reading's value: the tree keeps the last.
            String again = fields.get(random.nextInt(fields.size()));
            String key = again.substring(0, again.indexOf(':') + 1);
            String other = reading(random);
            int at = other.indexOf(key);
            fields.add(at < 0 ? again : key + other.substring(at + key.length()).split(",\"|}$")[0]);
        }
        if (random.nextInt(6) == 0) {
            fields.add("\"extra\":" + oneOf(random, "{\"value\":1,\"ts\":[2]}", "[1,2,{}]", "\"x\"", "null"));
        }
        Collections.shuffle(fields, random);
        return "{" + String.join(",", fields) + "}";
    }

    private static String unitOf(Quantity q, Random random) {
        return switch (q) {
            case NOISE -> oneOf(random, "dB(A)", "dBA", "dB");
            case ODOUR -> oneOf(random, "1", "OU", "ou");
            case TP -> oneOf(random, "mg/L", "ug/L", "µg/L");
            default -> q.unit();
        };
    }

    private static String number(Quantity q, Random random) {
        double v = q.min() + random.nextDouble() * Math.min(q.max() - q.min(), 200);
        return switch (random.nextInt(5)) {
            case 0 -> String.valueOf((long) v);
            case 1 -> String.format(java.util.Locale.ROOT, "%.3e", v);
            case 2 -> "-0.0";
            default -> String.valueOf(v);
        };
    }

    private static String timestamp(Random random) {
        long ts = NOW - random.nextInt(3_600_000);
        return random.nextInt(4) == 0
                ? "\"" + Instant.ofEpochMilli(ts).atOffset(ZoneOffset.ofHours(8)) + "\""
                : String.valueOf(ts);
    }

    private static final String DAMAGE = "{}[],:\"\\ 0e-x";

    private static byte[] damage(byte[] payload, Random random) {
        if (payload.length == 0) {
            return payload;
        }
        byte[] out = payload.clone();
        int at = random.nextInt(out.length);
        switch (random.nextInt(3)) {
            case 0 -> out[at] = (byte) DAMAGE.charAt(random.nextInt(DAMAGE.length()));
            case 1 -> out = java.util.Arrays.copyOf(out, at);
            default -> out[at] = (byte) (0x80 + random.nextInt(0x80));
        }
        return out;
    }

    private static String oneOf(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }
}
