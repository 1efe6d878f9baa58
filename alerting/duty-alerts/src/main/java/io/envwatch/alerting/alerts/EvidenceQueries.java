package io.envwatch.alerting.alerts;

import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.ReadingPoint;
import io.envwatch.district.schema.Row;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The evidence series of an alert: its site's readings of its quantity from half an hour before
 * the incident until now (at most 12 hours), averaged into at most about 300 points. Blocking.
 */
public final class EvidenceQueries {
    static final long MARGIN_MS = 30 * 60_000L;
    static final long MAX_SPAN_MS = 12 * 3600_000L;
    /** Sites and quantities come from stored events; checked anyway before they enter a query. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final InfluxQlRows reads;

    public EvidenceQueries(InfluxQlRows reads) {
        this.reads = reads;
    }

    /** @param site, quantity, start and limit as the alert holds them; {@code now} epoch ms */
    public JsonObject series(String site, String quantity, long incidentStart, double limit, long now) {
        JsonObject out = new JsonObject()
                .put("site", site)
                .put("quantity", quantity)
                .put("limit", Double.isFinite(limit) ? limit : null);
        JsonArray points = new JsonArray();
        out.put("points", points);
        if (quantity == null
                || !SAFE.matcher(quantity).matches()
                || !SAFE.matcher(site).matches()) {
            return out; // no-data alerts have no quantity: there is nothing to draw
        }
        long from = incidentStart - MARGIN_MS;
        long to = Math.min(now, from + MAX_SPAN_MS);
        long bucketSeconds = Math.max(1, (to - from) / 1000 / 300);
        String q = "SELECT mean(" + ReadingPoint.VALUE.quoted() + ") AS " + ReadingPoint.VALUE.quoted()
                + " FROM " + ReadingPoint.MEASUREMENT.quoted() + " WHERE " + ReadingPoint.SITE.is(site)
                + " AND " + ReadingPoint.QUANTITY.is(quantity) + " AND time >= "
                + InfluxQl.literal(Instant.ofEpochMilli(from))
                + " AND time <= " + InfluxQl.literal(Instant.ofEpochMilli(to))
                + " GROUP BY time(" + bucketSeconds + "s) fill(none)";
        for (Row row : reads.rows(q)) {
            Double v = row.number(ReadingPoint.VALUE);
            if (v != null) {
                points.add(new JsonArray().add(row.time().toEpochMilli()).add(v));
            }
        }
        return out.put("from", Instant.ofEpochMilli(from).toString())
                .put("to", Instant.ofEpochMilli(to).toString())
                .put("bucketSeconds", bucketSeconds);
    }
}
