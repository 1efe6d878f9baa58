package io.envwatch.alerting.alerts;

import io.envwatch.alerting.api.BadRequest;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.Town;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Function;

/**
 * The filters of {@code GET /api/v1/alerts}, validated against the registry and fixed vocabularies
 * before any of them reaches an InfluxQL string, so a query parameter can never change the query.
 */
public record AlertFilter(String state, String town, String kind, Instant since, int limit) {
    static final Set<String> STATES = Set.of("open", "cleared");
    /** Alert kinds are rule names: noise-laeq-1m, noise-night-max, odour-h2s, tp-mean, no-data, ... */
    static final java.util.regex.Pattern KIND = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    public static final int MAX_LIMIT = 1000;

    public static AlertFilter parse(Function<String, String> param, Registry registry, Instant now) {
        String state = param.apply("state");
        if (state != null && !STATES.contains(state)) {
            throw new BadRequest("state", "state must be one of " + STATES);
        }
        String town = param.apply("town");
        if (town != null && registry.towns().stream().map(Town::id).noneMatch(town::equals)) {
            throw new BadRequest("town", "unknown town " + town);
        }
        String kind = param.apply("kind");
        if (kind != null && !KIND.matcher(kind).matches()) {
            throw new BadRequest("kind", "kind must be a rule name such as noise-laeq-1m");
        }
        Instant since = now.minusSeconds(24 * 3600);
        String sinceText = param.apply("since");
        if (sinceText != null) {
            try {
                since = Instant.parse(sinceText);
            } catch (DateTimeParseException e) {
                throw new BadRequest("since", "since must be an ISO-8601 instant such as 2026-11-21T00:00:00Z");
            }
        }
        int limit = 100;
        String limitText = param.apply("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                throw new BadRequest("limit", "limit must be a number");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new BadRequest("limit", "limit must be 1.." + MAX_LIMIT);
            }
        }
        return new AlertFilter(state, town, kind, since, limit);
    }

    /** The InfluxQL for this filter; every interpolated value was checked above. */
    String influxQl() {
        StringBuilder q = new StringBuilder("SELECT * FROM \"duty_alert\" WHERE time >= '").append(since).append('\'');
        if (state != null) {
            q.append(" AND \"state\" = '").append(state).append('\'');
        }
        if (town != null) {
            q.append(" AND \"town\" = '").append(town).append('\'');
        }
        if (kind != null) {
            q.append(" AND \"kind\" = '").append(kind).append('\'');
        }
        return q.append(" ORDER BY time DESC LIMIT ").append(limit).toString();
    }
}
