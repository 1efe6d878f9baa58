package io.envwatch.alerting.alerts;

import io.envwatch.district.InvalidField;
import io.envwatch.district.registry.Registry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The filters of {@code GET /api/v1/alerts}. {@code state=active} means every alert not resolved;
 * {@code since} bounds when an alert opened (default: the last 7 days, except for active alerts,
 * which show however old they are).
 */
public record AlertFilter(String state, String town, String kind, Instant since, int limit) {
    public static final String ACTIVE = "active";
    public static final int MAX_LIMIT = 1000;
    static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public static AlertFilter parse(Function<String, String> param, Registry registry, Instant now) {
        String state = param.apply("state");
        if (state != null && !ACTIVE.equals(state) && AlertState.fromWire(state).isEmpty()) {
            throw new InvalidField(
                    "state",
                    "error.one-of",
                    "allowed",
                    ACTIVE + ", "
                            + String.join(
                                    ", ",
                                    Arrays.stream(AlertState.values())
                                            .map(AlertState::wireName)
                                            .toList()));
        }
        String town = param.apply("town");
        if (town != null && registry.town(town).isEmpty()) {
            throw new InvalidField("town", "error.unknown-town", "town", town);
        }
        String kind = param.apply("kind");
        if (kind != null && !KIND.matcher(kind).matches()) {
            throw new InvalidField("kind", "error.alert.kind");
        }
        Instant since = ACTIVE.equals(state) ? Instant.EPOCH : now.minusSeconds(7 * 24 * 3600);
        String sinceText = param.apply("since");
        if (sinceText != null) {
            try {
                since = Instant.parse(sinceText);
            } catch (DateTimeParseException e) {
                throw new InvalidField("since", "error.instant", "example", "2026-11-21T00:00:00Z");
            }
        }
        int limit = 100;
        String limitText = param.apply("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                throw new InvalidField("limit", "error.whole-number", "min", 1, "max", MAX_LIMIT);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidField("limit", "error.whole-number", "min", 1, "max", MAX_LIMIT);
            }
        }
        return new AlertFilter(state, town, kind, since, limit);
    }

    /** Every alert still being worked, however old. */
    public static AlertFilter active() {
        return new AlertFilter(ACTIVE, null, null, Instant.EPOCH, MAX_LIMIT);
    }

    /** Every alert the book holds. */
    public static AlertFilter everything() {
        return new AlertFilter(null, null, null, Instant.EPOCH, Integer.MAX_VALUE);
    }

    boolean matches(Alert a) {
        IncidentSnapshot i = a.incident();
        if (state != null
                && !(ACTIVE.equals(state)
                        ? !a.state().isClosed()
                        : a.state().wireName().equals(state))) {
            return false;
        }
        return (town == null || town.equals(i.town()))
                && (kind == null || kind.equals(i.kind()))
                && a.openedAt() >= since.toEpochMilli();
    }
}
