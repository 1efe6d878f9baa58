package io.envwatch.alerting.alerts;

import io.envwatch.alerting.store.RepeatCases;
import io.envwatch.district.schema.BuildingInRange;
import io.envwatch.district.schema.DutyAlertPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.RepeatCasePoint;
import io.envwatch.district.schema.SiteRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the incidents the stream job keeps in {@link DutyAlertPoint}: one point per incident, at its
 * opening time, overwritten as it changes. Blocking.
 */
public final class IncidentFeed {
    private final InfluxQlRows reads;
    private final RepeatCases repeatCases;
    private final Duration repeatCaseReach;

    /** @param repeatCaseReach how long before an incident an open repeat case about it may have started */
    public IncidentFeed(InfluxQlRows reads, RepeatCases repeatCases, Duration repeatCaseReach) {
        this.reads = reads;
        this.repeatCases = repeatCases;
        this.repeatCaseReach = repeatCaseReach;
    }

    /**
     * Incidents that opened at or after {@code since}, oldest first, each with the open repeat
     * case about its site and rule or one of its buildings, if there is one.
     */
    public List<IncidentSnapshot> since(Instant since) {
        List<RepeatCasePoint> cases = repeatCases.since(since.minus(repeatCaseReach));
        return reads
                .rows(InfluxQl.selectAll(DutyAlertPoint.MEASUREMENT) + " WHERE time >= " + InfluxQl.literal(since)
                        + " ORDER BY time ASC")
                .stream()
                .map(DutyAlertPoint::fromRow)
                .map(IncidentSnapshot::of)
                .map(s -> repeatCaseOf(s, cases).map(s::inRepeatCase).orElse(s))
                .toList();
    }

    private static Optional<String> repeatCaseOf(IncidentSnapshot s, List<RepeatCasePoint> cases) {
        Set<String> buildings = s.buildings().stream()
                .map(b -> BuildingInRange.parse(b).building())
                .collect(Collectors.toSet());
        String source = new SiteRule(s.site(), s.kind()).format();
        return cases.stream()
                .filter(RepeatCasePoint::open)
                .filter(c -> buildings.contains(c.place()) || c.incidents().contains(source))
                .map(RepeatCasePoint::id)
                .findFirst();
    }
}
