package io.envwatch.alerting.cases;

import io.envwatch.alerting.events.EventStore;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.district.WireName;
import io.envwatch.district.schema.CaseEventPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import java.time.Instant;
import java.util.List;

/** Case events in InfluxDB ({@link CaseEventPoint}): every one kept, the ledger is their fold. Blocking. */
public final class CaseEventStore implements EventStore<CaseEvent> {
    private final InfluxQlRows reads;
    private final InfluxWrites writes;

    public CaseEventStore(InfluxQlRows reads, InfluxWrites writes) {
        this.reads = reads;
        this.writes = writes;
    }

    @Override
    public void append(CaseEvent e) {
        writes.write(point(e).toLine());
    }

    @Override
    public List<CaseEvent> loadAll() {
        return reads.rows(InfluxQl.selectAll(CaseEventPoint.MEASUREMENT) + " ORDER BY time ASC").stream()
                .map(CaseEventPoint::fromRow)
                .map(CaseEventStore::event)
                .toList();
    }

    static CaseEventPoint point(CaseEvent e) {
        return new CaseEventPoint(
                e.town(),
                e.action().wireName(),
                e.caseId(),
                e.state().wireName(),
                e.actor(),
                e.source(),
                e.cause(),
                e.households(),
                e.unit(),
                e.homes(),
                e.owner(),
                e.ownerLevel(),
                e.opinion(),
                e.deadline(),
                e.note(),
                e.findings(),
                e.nextSteps(),
                e.repeatCase(),
                e.escalatedTo(),
                e.people() == null ? 0 : e.people().involved(),
                e.people() == null ? List.of() : e.people().keyPersons(),
                e.people() == null ? null : e.people().forecast(),
                e.patrolFinding(),
                e.patrolFindingAt(),
                e.timeNanos());
    }

    static CaseEvent event(CaseEventPoint p) {
        String at = Instant.ofEpochSecond(0, p.timeNanos()) + " (case " + p.caseId() + ")";
        return new CaseEvent(
                p.timeNanos(),
                p.caseId(),
                p.town(),
                WireName.stored(CaseAction.class, p.action(), at),
                WireName.stored(CaseState.class, p.state(), at),
                p.actor(),
                p.source(),
                p.cause(),
                p.households(),
                p.unit(),
                p.homes(),
                p.owner(),
                p.ownerLevel(),
                p.opinion(),
                p.deadline(),
                p.note(),
                p.findings(),
                p.nextSteps(),
                p.repeatCase(),
                p.escalatedTo(),
                // Only an opening or a people update carries who the case concerns.
                p.action().equals(CaseAction.OPENED.wireName()) || p.action().equals(CaseAction.PEOPLE.wireName())
                        ? new People(p.people(), p.keyPersons() == null ? List.of() : p.keyPersons(), p.forecast())
                        : null,
                p.patrolFinding(),
                p.patrolFindingAt());
    }
}
