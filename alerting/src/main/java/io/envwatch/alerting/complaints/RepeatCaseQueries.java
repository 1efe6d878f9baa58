package io.envwatch.alerting.complaints;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.query.InfluxQLQueryResult;
import io.envwatch.ingest.complaints.ComplaintIntake;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.Town;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Repeat cases for {@code GET /api/v1/repeat-cases}: the last 90 days, newest first, filtered by
 * town, category and state, each checked against the registry or a fixed set before it reaches the
 * query. Blocking: call it from a worker.
 */
public final class RepeatCaseQueries {
    private static final Set<String> STATES = Set.of("open", "closed");

    private final InfluxDBClient client;
    private final String database;
    private final Registry registry;

    public RepeatCaseQueries(InfluxDBClient client, String database, Registry registry) {
        this.client = client;
        this.database = database;
        this.registry = registry;
    }

    /** A filter value that is not allowed, with its parameter's name. */
    public static final class InvalidFilter extends IllegalArgumentException {
        private final String field;

        InvalidFilter(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The validated query for the request's parameters. */
    public String query(Function<String, String> param) {
        StringBuilder q = new StringBuilder("SELECT * FROM \"repeat_case\" WHERE time > now() - 90d");
        String town = param.apply("town");
        if (town != null) {
            if (registry.towns().stream().map(Town::id).noneMatch(town::equals)) {
                throw new InvalidFilter("town", "unknown town " + town);
            }
            q.append(" AND \"town\" = '").append(town).append('\'');
        }
        String category = param.apply("category");
        if (category != null) {
            if (!ComplaintIntake.CATEGORIES.contains(category)) {
                throw new InvalidFilter("category", "category must be one of " + ComplaintIntake.CATEGORIES);
            }
            q.append(" AND \"category\" = '").append(category).append('\'');
        }
        String state = param.apply("state");
        if (state != null) {
            if (!STATES.contains(state)) {
                throw new InvalidFilter("state", "state must be one of " + STATES);
            }
            q.append(" AND \"state\" = '").append(state).append('\'');
        }
        return q.append(" ORDER BY time DESC LIMIT 500").toString();
    }

    public JsonArray find(String query) {
        InfluxQLQueryResult result = client.getInfluxQLQueryApi().queryJSON(new InfluxQLQuery(query, database));
        JsonArray cases = new JsonArray();
        if (result == null) {
            return cases;
        }
        for (InfluxQLQueryResult.Result r : result.getResults()) {
            for (InfluxQLQueryResult.Series series : r.getSeries()) {
                for (InfluxQLQueryResult.Series.Record row : series.getValues()) {
                    cases.add(new JsonObject()
                            .put("id", row.getValueByKey("id"))
                            .put("state", row.getValueByKey("state"))
                            .put("place", row.getValueByKey("place"))
                            .put("category", row.getValueByKey("category"))
                            .put("town", row.getValueByKey("town"))
                            .put("first", row.getValueByKey("time"))
                            .put("last", (long) Double.parseDouble(String.valueOf(row.getValueByKey("last"))))
                            .put("count", (int) Double.parseDouble(String.valueOf(row.getValueByKey("count"))))
                            .put("corroborated", (int) Double.parseDouble(String.valueOf(row.getValueByKey("corroborated"))))
                            .put("complaints", new JsonArray(split(row.getValueByKey("complaints"))))
                            .put("incidents", new JsonArray(split(row.getValueByKey("incidents")))));
                }
            }
        }
        return cases;
    }

    private static List<String> split(Object value) {
        String text = value == null ? "" : value.toString();
        return text.isEmpty() ? List.of() : List.of(text.split(","));
    }
}
