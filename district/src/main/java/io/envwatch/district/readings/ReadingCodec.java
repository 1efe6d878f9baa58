package io.envwatch.district.readings;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
                if (r.flag != null) {
                    g.writeStringField("flag", r.flag);
                }
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
        String topicGateway = gatewayOf(topic);
        if (topicGateway != null && payload.length <= maxPayloadBytes) {
            Decoded clean = decodeClean(topicGateway, payload, now);
            if (clean != null) {
                return clean;
            }
        }
        return decodeTree(topic, payload, now);
    }

    /**
     * The common case, a well-formed batch whose every reading passes, read token by token straight
     * into readings. Null as soon as anything is unusual (a reading refused, a field twice, a type,
     * the gateway named otherwise, JSON that does not parse): {@link #decodeTree} then answers,
     * with its dead letters and their excerpts, so the two never differ (ReadingCodecDifferentialTest).
     */
    Decoded decodeClean(String gateway, byte[] payload, long now) {
        try (JsonParser p = JSON.getFactory().createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            List<Reading> readings = null;
            boolean gatewaySeen = false;
            JsonToken token;
            Fields fields = new Fields();
            Rejection rejection = new Rejection();
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("readings".equals(name)) {
                    if (readings != null || value != JsonToken.START_ARRAY) {
                        return null;
                    }
                    readings = new ArrayList<>();
                    while ((value = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (value != JsonToken.START_OBJECT || !fields.read(p)) {
                            return null;
                        }
                        Reading reading = validate(fields, gateway, now, rejection);
                        if (reading == null) {
                            return null;
                        }
                        readings.add(reading);
                    }
                } else if ("gateway".equals(name)) {
                    if (gatewaySeen
                            || (value != JsonToken.VALUE_NULL
                                    && (value != JsonToken.VALUE_STRING || !gateway.equals(p.getText())))) {
                        return null;
                    }
                    gatewaySeen = true;
                } else {
                    p.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || readings == null || p.nextToken() != null) {
                return null;
            }
            return new Decoded(readings, new ArrayList<>());
        } catch (IOException e) {
            return null;
        }
    }

    /** Every reading and every refusal of a message, from its JSON tree. */
    Decoded decodeTree(String topic, byte[] payload, long now) {
        List<Reading> readings = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        String topicGateway = gatewayOf(topic);
        if (topicGateway == null) {
            dead.add(wholeMessage(
                    RejectReason.BAD_TOPIC, "topic must be " + TOPIC_PREFIX + "{gateway}", topic, null, payload, now));
            return new Decoded(readings, dead);
        }
        if (payload.length > maxPayloadBytes) {
            dead.add(wholeMessage(
                    RejectReason.OVERSIZE,
                    payload.length + " bytes exceeds the limit of " + maxPayloadBytes,
                    topic,
                    topicGateway,
                    payload,
                    now));
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
            dead.add(wholeMessage(
                    RejectReason.INVALID_JSON,
                    "expected an object with a 'readings' array",
                    topic,
                    topicGateway,
                    payload,
                    now));
            return new Decoded(readings, dead);
        }
        JsonNode gatewayNode = root.get("gateway");
        if (gatewayNode != null && !gatewayNode.isNull() && !topicGateway.equals(gatewayNode.asText())) {
            dead.add(wholeMessage(
                    RejectReason.GATEWAY_MISMATCH,
                    "payload names gateway '" + gatewayNode.asText() + "' but was published on the topic of '"
                            + topicGateway + "'",
                    topic,
                    topicGateway,
                    payload,
                    now));
            return new Decoded(readings, dead);
        }
        ArrayNode items = (ArrayNode) root.get("readings");
        Map<RejectReason, Integer> uncounted = new EnumMap<>(RejectReason.class);
        Fields fields = new Fields();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            Rejection rejection = new Rejection();
            Reading reading = item.isObject()
                    ? validate(fields.of(item), topicGateway, now, rejection)
                    : rejection.fail(RejectReason.WRONG_TYPE, "a reading must be an object");
            if (reading != null) {
                readings.add(reading);
            } else if (dead.size() < MAX_DEAD_LETTERS_PER_MESSAGE) {
                dead.add(new DeadLetter(
                        rejection.reason,
                        rejection.detail,
                        topic,
                        topicGateway,
                        rejection.sensor,
                        i,
                        excerpt(item.toString()),
                        now));
            } else {
                uncounted.merge(rejection.reason, 1, Integer::sum);
            }
        }
        if (!uncounted.isEmpty()) {
            int more = uncounted.values().stream().mapToInt(Integer::intValue).sum();
            dead.add(new DeadLetter(
                    RejectReason.TOO_MANY_REJECTED,
                    more + " more readings of this message refused after the first " + MAX_DEAD_LETTERS_PER_MESSAGE
                            + ": " + uncounted,
                    topic,
                    topicGateway,
                    null,
                    -1,
                    null,
                    now));
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

    /** How a field of a reading came: absent or null, of the expected type, or of another. */
    private enum Shape {
        MISSING,
        TEXT,
        NUMBER,
        INTEGER,
        OTHER
    }

    /** One reading's fields as the wire gave them, from a tree or from the token stream. */
    private static final class Fields {
        Shape sensorShape;
        Shape quantityShape;
        Shape unitShape;
        Shape valueShape;
        Shape tsShape;
        Shape flagShape;
        String sensor;
        String quantity;
        String unit;
        double value;
        String valueText;
        long ts;
        String tsText;
        String flag;

        Fields of(JsonNode item) {
            JsonNode sensorNode = item.get("sensor");
            sensorShape = shape(sensorNode);
            sensor = sensorShape == Shape.TEXT ? sensorNode.asText() : null;
            JsonNode quantityNode = item.get("quantity");
            quantityShape = shape(quantityNode);
            quantity = quantityShape == Shape.TEXT ? quantityNode.asText() : null;
            JsonNode unitNode = item.get("unit");
            unitShape = shape(unitNode);
            unit = unitShape == Shape.TEXT ? unitNode.asText() : null;
            JsonNode valueNode = item.get("value");
            valueShape = shape(valueNode);
            if (valueShape == Shape.NUMBER || valueShape == Shape.INTEGER) {
                value = valueNode.doubleValue();
                valueText = valueNode.asText();
            }
            JsonNode tsNode = item.get("ts");
            tsShape = shape(tsNode);
            if (tsShape == Shape.INTEGER && tsNode.canConvertToLong()) {
                ts = tsNode.longValue();
            } else if (tsShape == Shape.TEXT) {
                tsText = tsNode.asText();
            } else if (tsShape != Shape.MISSING) {
                tsShape = Shape.OTHER;
            }
            JsonNode flagNode = item.get("flag");
            flagShape = shape(flagNode);
            flag = flagShape == Shape.TEXT ? flagNode.asText() : null;
            return this;
        }

        private static Shape shape(JsonNode node) {
            if (node == null || node.isNull()) {
                return Shape.MISSING;
            }
            if (node.isTextual()) {
                return Shape.TEXT;
            }
            if (node.isNumber()) {
                return node.isIntegralNumber() ? Shape.INTEGER : Shape.NUMBER;
            }
            return Shape.OTHER;
        }

        /**
         * The reading object the parser is in, up to its end. False for what only the tree reads
         * the same way (a field twice: the tree keeps the last) or for a field of an unusable shape.
         */
        boolean read(JsonParser p) throws IOException {
            sensorShape = quantityShape = unitShape = valueShape = tsShape = flagShape = Shape.MISSING;
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "sensor" -> {
                        if (sensorShape != Shape.MISSING || value != JsonToken.VALUE_STRING) {
                            return false;
                        }
                        sensorShape = Shape.TEXT;
                        sensor = p.getText();
                    }
                    case "quantity" -> {
                        if (quantityShape != Shape.MISSING || value != JsonToken.VALUE_STRING) {
                            return false;
                        }
                        quantityShape = Shape.TEXT;
                        quantity = p.getText();
                    }
                    case "unit" -> {
                        if (unitShape != Shape.MISSING || value != JsonToken.VALUE_STRING) {
                            return false;
                        }
                        unitShape = Shape.TEXT;
                        unit = p.getText();
                    }
                    case "value" -> {
                        if (valueShape != Shape.MISSING || !value.isNumeric()) {
                            return false;
                        }
                        valueShape = Shape.NUMBER;
                        this.value = p.getDoubleValue();
                        valueText = null;
                    }
                    case "ts" -> {
                        if (tsShape != Shape.MISSING) {
                            return false;
                        }
                        if (value == JsonToken.VALUE_NUMBER_INT
                                && (p.getNumberType() == JsonParser.NumberType.INT
                                        || p.getNumberType() == JsonParser.NumberType.LONG)) {
                            tsShape = Shape.INTEGER;
                            ts = p.getLongValue();
                        } else if (value == JsonToken.VALUE_STRING) {
                            tsShape = Shape.TEXT;
                            tsText = p.getText();
                        } else {
                            return false;
                        }
                    }
                    case "flag" -> {
                        if (flagShape != Shape.MISSING || value != JsonToken.VALUE_STRING) {
                            return false;
                        }
                        flagShape = Shape.TEXT;
                        flag = p.getText();
                    }
                    default -> p.skipChildren();
                }
            }
            return token == JsonToken.END_OBJECT;
        }
    }

    /** The reading, or null with why in {@code r}; the checks run in the order docs/mqtt-readings.md lists them. */
    private Reading validate(Fields f, String gateway, long now, Rejection r) {
        if (f.sensorShape == Shape.MISSING) {
            return r.fail(RejectReason.MISSING_FIELD, "sensor is missing");
        }
        if (f.sensorShape != Shape.TEXT) {
            return r.fail(RejectReason.WRONG_TYPE, "sensor must be a string");
        }
        r.sensor = f.sensor;
        Optional<Site> site = registry.site(r.sensor);
        if (site.isEmpty()) {
            return r.fail(RejectReason.UNKNOWN_SENSOR, "sensor " + r.sensor + " is not in the site registry");
        }
        if (!gateway.equals(site.get().gateway())) {
            return r.fail(
                    RejectReason.SENSOR_NOT_ON_GATEWAY,
                    "sensor " + r.sensor + " belongs to gateway " + site.get().gateway() + ", not " + gateway);
        }
        if (f.quantityShape == Shape.MISSING) {
            return r.fail(RejectReason.MISSING_FIELD, "quantity is missing");
        }
        if (f.quantityShape != Shape.TEXT) {
            return r.fail(RejectReason.WRONG_TYPE, "quantity must be a string");
        }
        Optional<Quantity> quantity = Quantity.fromWire(f.quantity);
        if (quantity.isEmpty()) {
            return r.fail(RejectReason.UNKNOWN_QUANTITY, "unknown quantity " + f.quantity);
        }
        Quantity q = quantity.get();
        if (!site.get().measures(q.kind())) {
            return r.fail(
                    RejectReason.QUANTITY_NOT_MEASURED_AT_SITE,
                    "site " + r.sensor + " does not measure " + q.kind().wireName() + " quantities such as "
                            + q.wireName());
        }
        if (f.unitShape == Shape.MISSING) {
            return r.fail(RejectReason.MISSING_FIELD, "unit is missing");
        }
        if (f.unitShape != Shape.TEXT) {
            return r.fail(RejectReason.WRONG_TYPE, "unit must be a string");
        }
        Optional<Double> factor = q.factorFrom(f.unit);
        if (factor.isEmpty()) {
            return r.fail(
                    RejectReason.UNKNOWN_UNIT,
                    "unit " + f.unit + " is not a unit of " + q.wireName() + " (canonical: " + q.unit() + ")");
        }
        if (f.valueShape == Shape.MISSING) {
            return r.fail(RejectReason.MISSING_FIELD, "value is missing");
        }
        if (f.valueShape != Shape.NUMBER && f.valueShape != Shape.INTEGER) {
            return r.fail(RejectReason.WRONG_TYPE, "value must be a number");
        }
        double value = f.value * factor.get();
        if (!Double.isFinite(value)) {
            return r.fail(RejectReason.NOT_FINITE, "value is " + f.valueText);
        }
        if (value < q.min() || value > q.max()) {
            return r.fail(
                    RejectReason.OUT_OF_RANGE,
                    q.wireName() + " " + value + " " + q.unit() + " is outside the possible range " + q.min() + ".."
                            + q.max());
        }
        if (f.tsShape == Shape.MISSING) {
            return r.fail(RejectReason.MISSING_FIELD, "ts is missing");
        }
        long ts;
        if (f.tsShape == Shape.INTEGER) {
            ts = f.ts;
        } else if (f.tsShape == Shape.TEXT) {
            try {
                ts = OffsetDateTime.parse(f.tsText).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                return r.fail(
                        RejectReason.BAD_TIMESTAMP,
                        "ts " + f.tsText + " is neither epoch milliseconds nor an ISO-8601 time with offset");
            }
        } else {
            return r.fail(RejectReason.WRONG_TYPE, "ts must be epoch milliseconds or an ISO-8601 string");
        }
        if (ts < EARLIEST_PLAUSIBLE) {
            return r.fail(RejectReason.BAD_TIMESTAMP, "ts " + ts + " is before 2000: the gateway clock is not set");
        }
        if (ts > now + maxFutureSkewMillis) {
            return r.fail(
                    RejectReason.FUTURE_TIMESTAMP,
                    "ts is " + (ts - now) / 1000 + " s ahead of the receiving clock (limit "
                            + maxFutureSkewMillis / 1000 + " s)");
        }
        DataFlag flag = DataFlag.N;
        if (f.flagShape == Shape.TEXT) {
            Optional<DataFlag> known = DataFlag.fromWire(f.flag);
            if (known.isEmpty()) {
                return r.fail(RejectReason.UNKNOWN_FLAG, "flag " + f.flag + " is none of N F M S D C T B");
            }
            flag = known.get();
        } else if (f.flagShape != Shape.MISSING) {
            return r.fail(RejectReason.WRONG_TYPE, "flag must be a string");
        }
        // The registry's own id: one string per site however many readings are held in state.
        return new Reading(site.get().id(), q, value, ts, gateway).flagged(flag);
    }

    private static String gatewayOf(String topic) {
        if (topic == null || !topic.startsWith(TOPIC_PREFIX)) {
            return null;
        }
        String gateway = topic.substring(TOPIC_PREFIX.length());
        return gateway.isEmpty() || gateway.contains("/") ? null : gateway;
    }

    private static DeadLetter wholeMessage(
            RejectReason reason, String detail, String topic, String gateway, byte[] payload, long now) {
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
