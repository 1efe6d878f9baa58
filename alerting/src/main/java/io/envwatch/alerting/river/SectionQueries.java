package io.envwatch.alerting.river;

import io.envwatch.alerting.store.InfluxQlRows;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.River;
import io.envwatch.ingest.registry.RiverStation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A river station's month as the river monitors need it: the month-to-date status and projection of
 * the station and of every station upstream, and the latest upstream attribution with its
 * suspects. Reads InfluxQL and blocks: call it from a worker. Station ids come from the registry,
 * never from the request, before they reach a query.
 */
public final class SectionQueries {
    private final InfluxQlRows influx;
    private final Registry registry;

    public SectionQueries(InfluxQlRows influx, Registry registry) {
        this.influx = influx;
        this.registry = registry;
    }

    /** Empty when the registry has no such station. */
    public Optional<JsonObject> section(String id) {
        Optional<River> river = registry.river();
        if (river.isEmpty() || registry.station(id).isEmpty()) {
            return Optional.empty();
        }
        RiverStation station = registry.station(id).orElseThrow();
        JsonObject body = new JsonObject()
                .put("section", describe(station, river.get()))
                .put("month", latestMonth(station.id()));
        JsonArray upstream = new JsonArray();
        for (RiverStation s : river.get().stations()) {
            if (s.id().equals(id)) {
                break;
            }
            upstream.add(describe(s, river.get()).put("month", latestMonth(s.id())));
        }
        body.put("upstream", upstream);
        body.put("attribution", latestAttribution(station.id()));
        return Optional.of(body);
    }

    private static JsonObject describe(RiverStation s, River river) {
        return new JsonObject()
                .put("id", s.id())
                .put("name", s.name())
                .put("targetClass", s.targetClass().wireName())
                .put("assessmentSection", s.id().equals(river.assessmentSection()))
                .put("travelMinutesToNext", s.travelMinutesToNext());
    }

    private JsonObject latestMonth(String station) {
        Map<String, Object> row = latestRow("SELECT * FROM \"tp_month\" WHERE \"station\" = '" + station
                + "' ORDER BY time DESC LIMIT 1");
        if (row == null) {
            return null;
        }
        return new JsonObject()
                .put("asOf", row.get("time"))
                .put("month", row.get("month"))
                .put("samples", number(row.get("samples")))
                .put("mean", number(row.get("mean")))
                .put("class", row.get("class"))
                .put("limit", number(row.get("limit")))
                .put("margin", number(row.get("margin")))
                .put("missing", number(row.get("missing")))
                .put("expectedRemaining", number(row.get("expected_remaining")))
                .put("budget", number(row.get("budget")))
                .put("budgetState", row.get("budget_state"))
                .put("insufficientSamples", Boolean.valueOf(String.valueOf(row.get("insufficient"))));
    }

    private JsonObject latestAttribution(String section) {
        Map<String, Object> row = latestRow("SELECT * FROM \"tp_attribution\" WHERE \"section\" = '" + section
                + "' ORDER BY time DESC LIMIT 1");
        if (row == null) {
            return null;
        }
        JsonArray ranking = new JsonArray();
        String ranked = String.valueOf(row.get("ranking"));
        for (String entry : ranked.isEmpty() ? new String[0] : ranked.split(",")) {
            String[] p = entry.split(":");
            ranking.add(new JsonObject().put("station", p[0]).put("increase", Double.parseDouble(p[1]))
                    .put("share", Double.parseDouble(p[2])).put("lagMinutes", Long.parseLong(p[3])));
        }
        String suspects = String.valueOf(row.get("suspects"));
        return new JsonObject()
                .put("at", row.get("time"))
                .put("rise", number(row.get("rise")))
                .put("leading", row.get("leading"))
                .put("ranking", ranking)
                .put("suspects", new JsonArray(suspects.isEmpty() ? List.of() : List.of(suspects.split(";"))));
    }

    private Map<String, Object> latestRow(String influxQl) {
        List<Map<String, Object>> rows = influx.query(influxQl);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static Double number(Object value) {
        return value == null ? null : Double.valueOf(value.toString());
    }
}
