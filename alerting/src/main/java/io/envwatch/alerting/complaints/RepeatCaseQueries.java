package io.envwatch.alerting.complaints;

import static io.envwatch.alerting.store.InfluxQlRows.list;
import static io.envwatch.alerting.store.InfluxQlRows.number;
import static io.envwatch.alerting.store.InfluxQlRows.text;

import io.envwatch.alerting.api.BadRequest;
import io.envwatch.alerting.store.InfluxQlRows;
import io.envwatch.ingest.complaints.ComplaintIntake;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.Town;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Repeat cases for {@code GET /api/v1/repeat-cases}: the last 90 days, newest first, filtered by
 * town, category and state, each checked against the registry or a fixed set before it reaches the
 * query. Blocking: call it from a worker.
 */
public final class RepeatCaseQueries {
    private static final Set<String> STATES = Set.of("open", "closed");

    private final InfluxQlRows influx;
    private final Registry registry;

    public RepeatCaseQueries(InfluxQlRows influx, Registry registry) {
        this.influx = influx;
        this.registry = registry;
    }

    /** The validated query for the request's parameters. */
    public String query(Function<String, String> param) {
        StringBuilder q = new StringBuilder("SELECT * FROM \"repeat_case\" WHERE time > now() - 90d");
        String town = param.apply("town");
        if (town != null) {
            if (registry.towns().stream().map(Town::id).noneMatch(town::equals)) {
                throw new BadRequest("town", "unknown town " + town);
            }
            q.append(" AND \"town\" = '").append(town).append('\'');
        }
        String category = param.apply("category");
        if (category != null) {
            if (!ComplaintIntake.CATEGORIES.contains(category)) {
                throw new BadRequest("category", "category must be one of " + ComplaintIntake.CATEGORIES);
            }
            q.append(" AND \"category\" = '").append(category).append('\'');
        }
        String state = param.apply("state");
        if (state != null) {
            if (!STATES.contains(state)) {
                throw new BadRequest("state", "state must be one of " + STATES);
            }
            q.append(" AND \"state\" = '").append(state).append('\'');
        }
        return q.append(" ORDER BY time DESC LIMIT 500").toString();
    }

    public JsonArray find(String query) {
        JsonArray cases = new JsonArray();
        for (Map<String, Object> row : influx.query(query)) {
            cases.add(new JsonObject()
                    .put("id", text(row, "id"))
                    .put("state", text(row, "state"))
                    .put("place", text(row, "place"))
                    .put("category", text(row, "category"))
                    .put("town", text(row, "town"))
                    .put("first", text(row, "time"))
                    .put("last", number(row, "last").longValue())
                    .put("count", number(row, "count").intValue())
                    .put("corroborated", number(row, "corroborated").intValue())
                    .put("complaints", new JsonArray(list(row, "complaints")))
                    .put("incidents", new JsonArray(list(row, "incidents"))));
        }
        return cases;
    }
}
