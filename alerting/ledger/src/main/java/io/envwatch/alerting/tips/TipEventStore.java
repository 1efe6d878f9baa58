package io.envwatch.alerting.tips;

import io.envwatch.alerting.events.EventStore;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.district.WireName;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.TipEventPoint;
import java.time.Instant;
import java.util.List;

/** Tip events in InfluxDB ({@link TipEventPoint}): every one kept, the tips are their fold. Blocking. */
public final class TipEventStore implements EventStore<TipEvent> {
    private final InfluxQlRows reads;
    private final InfluxWrites writes;

    public TipEventStore(InfluxQlRows reads, InfluxWrites writes) {
        this.reads = reads;
        this.writes = writes;
    }

    @Override
    public void append(TipEvent e) {
        writes.write(new TipEventPoint(
                        e.town(),
                        e.tipClass(),
                        e.action().wireName(),
                        e.tip(),
                        e.state().wireName(),
                        e.actor(),
                        e.claimHash(),
                        e.textSealed(),
                        e.findingsSealed(),
                        e.reward(),
                        e.timeNanos())
                .toLine());
    }

    @Override
    public List<TipEvent> loadAll() {
        return reads.rows(InfluxQl.selectAll(TipEventPoint.MEASUREMENT) + " ORDER BY time ASC").stream()
                .map(TipEventPoint::fromRow)
                .map(TipEventStore::event)
                .toList();
    }

    private static TipEvent event(TipEventPoint p) {
        String at = Instant.ofEpochSecond(0, p.timeNanos()) + " (tip " + p.tip() + ")";
        return new TipEvent(
                p.timeNanos(),
                p.tip(),
                p.town(),
                p.tipClass(),
                WireName.stored(TipAction.class, p.action(), at),
                WireName.stored(TipState.class, p.state(), at),
                p.actor(),
                p.claimHash(),
                p.textSealed(),
                p.findingsSealed(),
                p.reward());
    }
}
