package io.envwatch.alerting.store;

import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.RepeatCasePoint;
import java.time.Instant;
import java.util.List;

/**
 * The job's repeat-complaint cases ({@link RepeatCasePoint}), the one reader of them: the alerts
 * look up the case about an incident, the ledger proposes cases from them, the API lists them.
 * Blocking.
 */
public final class RepeatCases {
    private final InfluxQlRows reads;

    public RepeatCases(InfluxQlRows reads) {
        this.reads = reads;
    }

    /** Every case first seen at or after {@code since}, oldest first. */
    public List<RepeatCasePoint> since(Instant since) {
        return select(" WHERE time >= " + InfluxQl.literal(since) + " ORDER BY time ASC");
    }

    /**
     * The cases an InfluxQL tail selects ({@code WHERE ... ORDER BY ... LIMIT ...}); its conditions
     * must be built from the schema's columns and checked values only.
     */
    public List<RepeatCasePoint> select(String tail) {
        return reads.rows(InfluxQl.selectAll(RepeatCasePoint.MEASUREMENT) + tail).stream()
                .map(RepeatCasePoint::fromRow)
                .toList();
    }
}
