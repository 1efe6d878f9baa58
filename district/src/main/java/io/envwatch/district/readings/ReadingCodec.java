package io.envwatch.district.readings;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a gateway's batch message into readings and dead letters. Validation is per reading: one
 * bad reading never costs the good ones beside it. Wire format: docs/mqtt-readings.md.
 */
public final class ReadingCodec implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String TOPIC_PREFIX = "envwatch/v1/readings/";
    public static final int RAW_EXCERPT_CHARS = DeadLetter.MAX_TEXT_CHARS;
    /**
     * Dead letters one message may produce reading by reading; the rest are counted in one. A
     * 256 KiB message of 100,000 bad readings would otherwise become 100,000 points, again on
     * every replay.
     */
    public static final int MAX_DEAD_LETTERS_PER_MESSAGE = 100;
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);
    /** Readings stamped before this are from gateways whose clock was never set. */
    static final long EARLIEST_PLAUSIBLE = 946_684_800_000L; // 2000-01-01T00:00:00Z

    // NaN and Infinity tokens are allowed through the parser so that they are refused per reading
    // with NOT_FINITE instead of failing the whole batch as invalid JSON.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final Registry registry;
    private final int maxPayloadBytes;
    private final long maxFutureSkewMillis;

    public ReadingCodec(Registry registry) {
        this(registry, DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_FUTURE_SKEW);
    }

    public ReadingCodec(Registry registry, int maxPayloadBytes, Duration maxFutureSkew) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive");
        }
        this.registry = registry;
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxFutureSkewMillis = maxFutureSkew.toMillis();
    }

    public static String topicFor(String gateway) {
        return TOPIC_PREFIX + gateway;
    }

    /** Serialises a batch in the wire format (used by the simulator and tests). */
    public static byte[] encode(String gateway, List<Reading> readings) {
        // Streamed rather than built as a tree: gateways (and the benchmark's load generator, which
        // shares the job's CPU) encode every batch, and the tree costs about twice as much.
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + readings.size() * 96);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("gateway", gateway);
            g.writeArrayFieldStart("readings");
            for (Reading r : readings) {
                g.writeStartObject();
                g.writeStringField("sensor", r.site);
                g.writeNumberField("ts", r.timestamp);
                g.writeStringField("quantity", r.quantity);
                g.writeNumberField("value", r.value);
                g.writeStringField("unit", r.unit);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a batch in memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * @param now the receiving clock, epoch ms: the reference for the future-timestamp check and the
     *     dead letters' receive time
     */
    public Decoded decode(String topic, byte[] payload, long now) {
        List<Reading> readings = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        String topicGateway = gatewayOf(topic);
        if (topicGateway == null) {
            dead.add(wholeMessage(RejectReason.BAD_TOPIC, "topic must be " + TOPIC_PREFIX + "{gateway}", topic, null, payload, now));
            return new Decoded(readings, dead);
        }
        if (payload.length > maxPayloadBytes) {
            dead.add(wholeMessage(RejectReason.OVERSIZE, payload.length + " bytes exceeds the limit of " + maxPayloadBytes,
                    topic, topicGateway, payload, now));
            return new Decoded(readings, dead);
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            dead.add(wholeMessage(RejectReason.INVALID_JSON, firstLine(why), topic, topicGateway, payload, now));
            return new Decoded(readings, dead);
        }
        if (root == null || !root.isObject() || !root.path("readings").isArray()) {
            dead.add(wholeMessage(RejectReason.INVALID_JSON, "expected an object with a 'readings' array", topic,
                    topicGateway, payload, now));
            return new Decoded(readings, dead);
        }
        JsonNode gatewayNode = root.get("gateway");
        if (gatewayNode != null && !gatewayNode.isNull() && !topicGateway.equals(gatewayNode.asText())) {
            dead.add(wholeMessage(RejectReason.GATEWAY_MISMATCH, "payload names gateway '" + gatewayNode.asText()
                    + "' but was published on the topic of '" + topicGateway + "'", topic, topicGateway, payload, now));
            return new Decoded(readings, dead);
        }
        ArrayNode items = (ArrayNode) root.get("readings");
        Map<RejectReason, Integer> uncounted = new EnumMap<>(RejectReason.class);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            Rejection rejection = new Rejection();
            Reading reading = decodeOne(item, topicGateway, now, rejection);
            if (reading != null) {
                readings.add(reading);
            } else if (dead.size() < MAX_DEAD_LETTERS_PER_MESSAGE) {
                dead.add(new DeadLetter(rejection.reason, rejection.detail, topic, topicGateway, rejection.sensor, i,
                        excerpt(item.toString()), now));
            } else {
                uncounted.merge(rejection.reason, 1, Integer::sum);
            }
        }
        if (!uncounted.isEmpty()) {
            int more = uncounted.values().stream().mapToInt(Integer::intValue).sum();
            dead.add(new DeadLetter(RejectReason.TOO_MANY_REJECTED, more + " more readings of this message refused after the first "
                    + MAX_DEAD_LETTERS_PER_MESSAGE + ": " + uncounted, topic, topicGateway, null, -1, null, now));
        }
        return new Decoded(readings, dead);
    }

    private static final class Rejection {
        RejectReason reason;
        String detail;
        String sensor;

        Reading fail(RejectReason reason, String detail) {
            this.reason = reason;
            this.detail = detail;
            return null;
        }
    }

    private Reading decodeOne(JsonNode item, String gateway, long now, Rejection r) {
        if (!item.isObject()) {
            return r.fail(RejectReason.WRONG_TYPE, "a reading must be an object");
        }
        JsonNode sensorNode = item.get("sensor");
        if (sensorNode == null || sensorNode.isNull()) {
            return r.fail(RejectReason.MISSING_FIELD, "sensor is missing");
        }
        if (!sensorNode.isTextual()) {
            return r.fail(RejectReason.WRONG_TYPE, "sensor must be a string");
        }
        r.sensor = sensorNode.asText();
        Optional<Site> site = registry.site(r.sensor);
        if (site.isEmpty()) {
            return r.fail(RejectReason.UNKNOWN_SENSOR, "sensor " + r.sensor + " is not in the site registry");
        }
        if (!gateway.equals(site.get().gateway())) {
            return r.fail(RejectReason.SENSOR_NOT_ON_GATEWAY, "sensor " + r.sensor + " belongs to gateway "
                    + site.get().gateway() + ", not " + gateway);
        }
        JsonNode quantityNode = item.get("quantity");
        if (quantityNode == null || quantityNode.isNull()) {
            return r.fail(RejectReason.MISSING_FIELD, "quantity is missing");
        }
        if (!quantityNode.isTextual()) {
            return r.fail(RejectReason.WRONG_TYPE, "quantity must be a string");
        }
        Optional<Quantity> quantity = Quantity.fromWire(quantityNode.asText());
        if (quantity.isEmpty()) {
            return r.fail(RejectReason.UNKNOWN_QUANTITY, "unknown quantity " + quantityNode.asText());
        }
        Quantity q = quantity.get();
        if (!site.get().measures(q.kind())) {
            return r.fail(RejectReason.QUANTITY_NOT_MEASURED_AT_SITE, "site " + r.sensor + " does not measure "
                    + q.kind().wireName() + " quantities such as " + q.wireName());
        }
        JsonNode unitNode = item.get("unit");
        if (unitNode == null || unitNode.isNull()) {
            return r.fail(RejectReason.MISSING_FIELD, "unit is missing");
        }
        if (!unitNode.isTextual()) {
            return r.fail(RejectReason.WRONG_TYPE, "unit must be a string");
        }
        Optional<Double> factor = q.factorFrom(unitNode.asText());
        if (factor.isEmpty()) {
            return r.fail(RejectReason.UNKNOWN_UNIT, "unit " + unitNode.asText() + " is not a unit of " + q.wireName()
                    + " (canonical: " + q.unit() + ")");
        }
        JsonNode valueNode = item.get("value");
        if (valueNode == null || valueNode.isNull()) {
            return r.fail(RejectReason.MISSING_FIELD, "value is missing");
        }
        if (!valueNode.isNumber()) {
            return r.fail(RejectReason.WRONG_TYPE, "value must be a number");
        }
        double value = valueNode.doubleValue() * factor.get();
        if (!Double.isFinite(value)) {
            return r.fail(RejectReason.NOT_FINITE, "value is " + valueNode.asText());
        }
        if (value < q.min() || value > q.max()) {
            return r.fail(RejectReason.OUT_OF_RANGE, q.wireName() + " " + value + " " + q.unit()
                    + " is outside the possible range " + q.min() + ".." + q.max());
        }
        JsonNode tsNode = item.get("ts");
        if (tsNode == null || tsNode.isNull()) {
            return r.fail(RejectReason.MISSING_FIELD, "ts is missing");
        }
        long ts;
        if (tsNode.isIntegralNumber() && tsNode.canConvertToLong()) {
            ts = tsNode.longValue();
        } else if (tsNode.isTextual()) {
            try {
                ts = OffsetDateTime.parse(tsNode.asText()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                return r.fail(RejectReason.BAD_TIMESTAMP, "ts " + tsNode.asText()
                        + " is neither epoch milliseconds nor an ISO-8601 time with offset");
            }
        } else {
            return r.fail(RejectReason.WRONG_TYPE, "ts must be epoch milliseconds or an ISO-8601 string");
        }
        if (ts < EARLIEST_PLAUSIBLE) {
            return r.fail(RejectReason.BAD_TIMESTAMP, "ts " + ts + " is before 2000: the gateway clock is not set");
        }
        if (ts > now + maxFutureSkewMillis) {
            return r.fail(RejectReason.FUTURE_TIMESTAMP, "ts is " + (ts - now) / 1000 + " s ahead of the receiving clock (limit "
                    + maxFutureSkewMillis / 1000 + " s)");
        }
        return new Reading(r.sensor, q, value, ts, gateway);
    }

    private static String gatewayOf(String topic) {
        if (topic == null || !topic.startsWith(TOPIC_PREFIX)) {
            return null;
        }
        String gateway = topic.substring(TOPIC_PREFIX.length());
        return gateway.isEmpty() || gateway.contains("/") ? null : gateway;
    }

    private static DeadLetter wholeMessage(RejectReason reason, String detail, String topic, String gateway,
            byte[] payload, long now) {
        return new DeadLetter(reason, detail, topic, gateway, null, -1, DeadLetter.rawOf(payload), now);
    }

    private static String excerpt(String text) {
        return text.length() <= RAW_EXCERPT_CHARS ? text : text.substring(0, RAW_EXCERPT_CHARS);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unparseable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
