package io.envwatch.alerting.cases;

import io.envwatch.alerting.store.InfluxQlRows;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.district.schema.CaseEventPoint;
import io.envwatch.district.schema.InfluxQl;
import java.util.List;

/** Case events in InfluxDB ({@link CaseEventPoint}): every one kept, the ledger is their fold. Blocking. */
public final class CaseEventStore {
    private final InfluxQlRows reads;
    private final InfluxWrites writes;

    public CaseEventStore(InfluxQlRows reads, InfluxWrites writes) {
        this.reads = reads;
        this.writes = writes;
    }

    public void append(CaseEventPoint e) {
        writes.write(e.toLine());
    }

    /** Every stored event, oldest first. */
    public List<CaseEventPoint> loadAll() {
        return reads.rows(InfluxQl.selectAll(CaseEventPoint.MEASUREMENT) + " ORDER BY time ASC").stream()
                .map(CaseEventPoint::fromRow).toList();
    }
}
