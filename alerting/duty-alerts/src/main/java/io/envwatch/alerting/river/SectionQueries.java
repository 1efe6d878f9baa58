package io.envwatch.alerting.river;

import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.River;
import io.envwatch.district.registry.RiverStation;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.Row;
import io.envwatch.district.schema.TpAttributionPoint;
import io.envwatch.district.schema.TpMonthPoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
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
        JsonObject body =
                new JsonObject().put("section", describe(station, river.get())).put("month", latestMonth(station.id()));
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
        Row row = latestRow(InfluxQl.selectAll(TpMonthPoint.MEASUREMENT) + " WHERE " + TpMonthPoint.STATION.is(station)
                + " ORDER BY time DESC LIMIT 1");
        if (row == null) {
            return null;
        }
        TpMonthPoint m = TpMonthPoint.fromRow(row);
        return new JsonObject()
                .put("asOf", row.time().toString())
                .put("month", m.month())
                .put("samples", (double) m.samples())
                .put("mean", orNull(m.mean()))
                .put("class", m.waterClass())
                .put("limit", orNull(m.limit()))
                .put("margin", orNull(m.margin()))
                .put("missing", orNull(m.missing()))
                .put("expectedRemaining", orNull(m.expectedRemaining()))
                .put("budget", orNull(m.budget()))
                .put("budgetState", m.budgetState())
                .put("insufficientSamples", m.insufficient());
    }

    private JsonObject latestAttribution(String section) {
        Row row = latestRow(InfluxQl.selectAll(TpAttributionPoint.MEASUREMENT) + " WHERE "
                + TpAttributionPoint.SECTION.is(section) + " ORDER BY time DESC LIMIT 1");
        if (row == null) {
            return null;
        }
        TpAttributionPoint a = TpAttributionPoint.fromRow(row);
        JsonArray ranking = new JsonArray();
        for (String entry : a.ranking()) {
            String[] p = entry.split(":");
            ranking.add(new JsonObject()
                    .put("station", p[0])
                    .put("increase", Double.parseDouble(p[1]))
                    .put("share", Double.parseDouble(p[2]))
                    .put("lagMinutes", Long.parseLong(p[3])));
        }
        return new JsonObject()
                .put("at", row.time().toString())
                .put("rise", orNull(a.rise()))
                .put("leading", a.leading())
                .put("ranking", ranking)
                .put("suspects", new JsonArray(a.suspects()));
    }

    private Row latestRow(String influxQl) {
        List<Row> rows = influx.rows(influxQl);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** A number the point did not have is null in the answer, never NaN (JSON has no NaN). */
    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
