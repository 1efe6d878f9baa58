package io.envwatch.district.complaints;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.district.InvalidField;
import io.envwatch.district.registry.Building;
import io.envwatch.district.registry.LocalPlane;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validates a complaint as submitted and turns it into a {@link Complaint}. Each problem names the
 * field. The contact is checked for size and then dropped: EnvWatch does not keep it anywhere.
 *
 * <p>Who files decides what the complaint may say of itself: anyone on the web files a {@code web}
 * complaint; only the bureau's staff, who take the hotline's calls, letters and visits, give the
 * channel, the hotline's reference (which makes the complaint's id, so whoever gives a reference
 * first owns it) and whether a higher authority escalated it (which campaigns count).
 */
public final class ComplaintIntake {
    public static final Set<String> CATEGORIES = ComplaintCategory.WIRE_NAMES;
    /**
     * The channels staff file by; {@code reception}: received in person on a leader's reception day
     * (环境信访日, docs/ledger.md).
     */
    public static final Set<String> CHANNELS = Set.of("hotline", "e-mail", "letter", "visit", "web", "reception");
    /** The channel of a complaint filed by the public itself. */
    public static final String PUBLIC_CHANNEL = "web";

    private static final Set<String> FIELDS = Set.of(
            "category",
            "channel",
            "observedAt",
            "description",
            "contact",
            "externalRef",
            "escalated",
            "building",
            "location");
    private static final Set<String> STAFF_FIELDS = Set.of("externalRef", "escalated");

    /** Who is filing. */
    public enum Filer {
        /** Anyone, anonymous, from the internet. */
        PUBLIC,
        /** Signed-in staff filing what reached the bureau another way (the hotline, a letter, a visit). */
        STAFF
    }

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]{0,63}");
    private static final int MAX_DESCRIPTION = 2000;
    private static final int MAX_CONTACT = 200;
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    /** Farther than this from every sensor site of the district, a location is not the district's. */
    private static final double DISTRICT_REACH_METRES = 30_000;

    private final Registry registry;

    public ComplaintIntake(Registry registry) {
        this.registry = registry;
    }

    public Complaint accept(JsonNode body, long now, Filer filer) {
        if (body == null || !body.isObject()) {
            throw new InvalidField("body", "error.not-object");
        }
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidField(name, "error.unknown-field", "known", String.join(", ", new TreeSet<>(FIELDS)));
            }
            if (filer == Filer.PUBLIC && STAFF_FIELDS.contains(name)) {
                throw new InvalidField(name, "error.complaint.staff-field");
            }
        }
        Complaint c = new Complaint();
        c.category = oneOf(body, "category", CATEGORIES);
        if (filer == Filer.PUBLIC) {
            JsonNode channel = body.get("channel");
            if (channel != null && !channel.isNull() && !PUBLIC_CHANNEL.equals(channel.asText())) {
                throw new InvalidField("channel", "error.complaint.public-channel");
            }
            c.channel = PUBLIC_CHANNEL;
        } else {
            c.channel = oneOf(body, "channel", CHANNELS);
        }
        c.observedAt = observedAt(body, now, registry.rules().complaints().horizon());
        c.receivedAt = now;
        c.description = text(body, "description", MAX_DESCRIPTION, true);
        String contact = text(body, "contact", MAX_CONTACT, false);
        if (contact != null && contact.isBlank()) {
            throw new InvalidField("contact", "error.complaint.blank-contact");
        }
        JsonNode ref = body.get("externalRef");
        if (ref != null && !ref.isNull()) {
            if (!ref.isTextual() || !REFERENCE.matcher(ref.asText()).matches()) {
                throw new InvalidField("externalRef", "error.complaint.external-ref");
            }
            c.externalRef = ref.asText();
        }
        JsonNode escalated = body.get("escalated");
        if (escalated != null && !escalated.isNull()) {
            if (!escalated.isBoolean()) {
                throw new InvalidField("escalated", "error.complaint.escalated");
            }
            c.escalated = escalated.asBoolean();
        }
        locate(body, c);
        c.id = c.externalRef == null ? "C-" + UUID.randomUUID() : idFor(c.externalRef);
        return c;
    }

    /** The id of a complaint with an external reference: the same reference is the same complaint. */
    public static String idFor(String externalRef) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(externalRef.getBytes(StandardCharsets.UTF_8));
            return "C-" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void locate(JsonNode body, Complaint c) {
        JsonNode building = body.get("building");
        JsonNode location = body.get("location");
        if (building != null && !building.isNull()) {
            if (!building.isTextual()) {
                throw new InvalidField("building", "error.building-id");
            }
            Building b = registry.buildings().stream()
                    .filter(x -> x.id().equals(building.asText()))
                    .findFirst()
                    .orElseThrow(() ->
                            new InvalidField("building", "error.unknown-building", "building", building.asText()));
            c.building = b.id();
            c.lat = b.lat();
            c.lon = b.lon();
            c.town = b.town();
            return;
        }
        if (location == null || !location.isObject()) {
            throw new InvalidField("location", "error.complaint.location");
        }
        JsonNode lat = location.get("lat");
        JsonNode lon = location.get("lon");
        if (lat == null || !lat.isNumber() || !(lat.asDouble() >= -90 && lat.asDouble() <= 90)) {
            throw new InvalidField("location.lat", "error.latitude");
        }
        if (lon == null || !lon.isNumber() || !(lon.asDouble() >= -180 && lon.asDouble() <= 180)) {
            throw new InvalidField("location.lon", "error.longitude");
        }
        // Four decimals are about 11 m: enough to find the sensors and buildings around, no more.
        c.lat = Math.round(lat.asDouble() * 10_000) / 10_000.0;
        c.lon = Math.round(lon.asDouble() * 10_000) / 10_000.0;
        Site nearest = null;
        double best = Double.MAX_VALUE;
        for (Site s : registry.sites()) {
            double d = LocalPlane.metres(c.lat, c.lon, s.lat(), s.lon());
            if (d < best) {
                best = d;
                nearest = s;
            }
        }
        if (nearest == null || best > DISTRICT_REACH_METRES) {
            throw new InvalidField("location", "error.complaint.outside");
        }
        c.town = nearest.town();
    }

    private static String oneOf(JsonNode body, String field, Set<String> allowed) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidField(
                    field, "error.required-one-of", "allowed", String.join(", ", new TreeSet<>(allowed)));
        }
        if (!node.isTextual() || !allowed.contains(node.asText())) {
            throw new InvalidField(field, "error.one-of", "allowed", String.join(", ", new TreeSet<>(allowed)));
        }
        return node.asText();
    }

    private static long observedAt(JsonNode body, long now, String horizon) {
        JsonNode node = body.get("observedAt");
        if (node == null || !node.isTextual()) {
            throw new InvalidField("observedAt", "error.complaint.observed-at-required");
        }
        long t;
        try {
            t = OffsetDateTime.parse(node.asText()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new InvalidField("observedAt", "error.complaint.observed-at-format");
        }
        if (t > now + MAX_FUTURE.toMillis()) {
            throw new InvalidField("observedAt", "error.complaint.observed-at-future");
        }
        Duration maxAge = Duration.parse(horizon);
        if (t < now - maxAge.toMillis()) {
            throw new InvalidField("observedAt", "error.complaint.observed-at-old", "days", maxAge.toDays());
        }
        return t;
    }

    private static String text(JsonNode body, String field, int max, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidField(field, "error.required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidField(field, "error.not-text");
        }
        String text = node.asText();
        if (required && text.isBlank()) {
            throw new InvalidField(field, "error.empty");
        }
        if (text.length() > max) {
            throw new InvalidField(field, "error.too-long", "max", max);
        }
        return text;
    }
}
