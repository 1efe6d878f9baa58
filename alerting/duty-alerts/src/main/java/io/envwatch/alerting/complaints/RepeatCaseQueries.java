package io.envwatch.alerting.complaints;

import io.envwatch.alerting.store.RepeatCases;
import io.envwatch.district.InvalidField;
import io.envwatch.district.complaints.ComplaintIntake;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.schema.RepeatCasePoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;

/**
 * Repeat cases for {@code GET /api/v1/repeat-cases}: the last 90 days, newest first, filtered by
 * town, category and state, each checked against the registry or a fixed set before it reaches the
 * query. Blocking: call it from a worker.
 */
public final class RepeatCaseQueries {
    private static final Set<String> STATES = Set.of("open", "closed", "merged");

    private final RepeatCases repeatCases;
    private final Registry registry;

    public RepeatCaseQueries(RepeatCases repeatCases, Registry registry) {
        this.repeatCases = repeatCases;
        this.registry = registry;
    }

    /** The validated conditions for the request's parameters, as a query's tail. */
    public String query(Function<String, String> param) {
        StringBuilder q = new StringBuilder(" WHERE time > now() - 90d");
        String town = param.apply("town");
        if (town != null) {
            if (registry.town(town).isEmpty()) {
                throw new InvalidField("town", "error.unknown-town", "town", town);
            }
            q.append(" AND ").append(RepeatCasePoint.TOWN.is(town));
        }
        String category = param.apply("category");
        if (category != null) {
            if (!ComplaintIntake.CATEGORIES.contains(category)) {
                throw new InvalidField(
                        "category",
                        "error.one-of",
                        "allowed",
                        String.join(", ", new java.util.TreeSet<>(ComplaintIntake.CATEGORIES)));
            }
            q.append(" AND ").append(RepeatCasePoint.CATEGORY.is(category));
        }
        String state = param.apply("state");
        if (state != null) {
            if (!STATES.contains(state)) {
                throw new InvalidField(
                        "state", "error.one-of", "allowed", String.join(", ", new java.util.TreeSet<>(STATES)));
            }
            q.append(" AND ").append(RepeatCasePoint.STATE.is(state));
        } else {
            // A case merged into another is history: listed only when asked for by its state.
            q.append(" AND ").append(RepeatCasePoint.STATE.isNot(RepeatCasePoint.MERGED));
        }
        return q.append(" ORDER BY time DESC LIMIT 500").toString();
    }

    public JsonArray find(String query) {
        JsonArray cases = new JsonArray();
        for (RepeatCasePoint c : repeatCases.select(query)) {
            cases.add(new JsonObject()
                    .put("id", c.id())
                    .put("state", c.state())
                    .put("place", c.place())
                    .put("category", c.category())
                    .put("town", c.town())
                    .put("first", Instant.ofEpochMilli(c.first()).toString())
                    .put("last", c.last())
                    .put("count", (int) c.count())
                    .put("corroborated", (int) c.corroborated())
                    .put("complaints", new JsonArray(c.complaints()))
                    .put("incidents", new JsonArray(c.incidents()))
                    .put("mergedInto", c.mergedInto().isEmpty() ? null : c.mergedInto()));
        }
        return cases;
    }
}
