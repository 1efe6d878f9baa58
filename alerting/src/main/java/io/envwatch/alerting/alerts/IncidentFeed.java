package io.envwatch.alerting.alerts;

import static io.envwatch.alerting.store.InfluxQlRows.list;
import static io.envwatch.alerting.store.InfluxQlRows.numberOrNaN;
import static io.envwatch.alerting.store.InfluxQlRows.text;

import io.envwatch.alerting.store.InfluxQlRows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the incidents the stream job keeps in {@code duty_alert}: one point per incident, at its
 * opening time, overwritten as it changes. Blocking.
 */
public final class IncidentFeed {
    private final InfluxQlRows reads;

    public IncidentFeed(InfluxQlRows reads) {
        this.reads = reads;
    }

    /** A repeat case stays open this long at most after its first complaint (the job's repeatWithin is 30 days). */
    static final Duration REPEAT_CASE_REACH = Duration.ofDays(62);

    /**
     * Incidents that opened at or after {@code since}, oldest first, each with the open repeat
     * case about its site and rule or one of its buildings, if there is one.
     */
    public List<IncidentSnapshot> since(Instant since) {
        List<Map<String, Object>> cases = reads.query("SELECT \"id\", \"state\", \"incidents\" FROM \"repeat_case\" "
                + "WHERE time >= '" + since.minus(REPEAT_CASE_REACH) + "' GROUP BY \"place\"");
        return reads.query("SELECT * FROM \"duty_alert\" WHERE time >= '" + since + "' ORDER BY time ASC").stream()
                .map(IncidentFeed::snapshot)
                .map(s -> repeatCaseOf(s, cases).map(s::inRepeatCase).orElse(s))
                .toList();
    }

    private static Optional<String> repeatCaseOf(IncidentSnapshot s, List<Map<String, Object>> cases) {
        Set<String> buildings = s.buildings().stream().map(b -> b.split("@")[0]).collect(Collectors.toSet());
        String source = s.site() + "|" + s.kind();
        return cases.stream()
                .filter(c -> "open".equals(text(c, "state")))
                .filter(c -> buildings.contains(text(c, "place")) || list(c, "incidents").contains(source))
                .map(c -> text(c, "id"))
                .findFirst();
    }

    private static IncidentSnapshot snapshot(Map<String, Object> row) {
        return new IncidentSnapshot(text(row, "id"), text(row, "kind"), text(row, "site"), text(row, "town"),
                text(row, "team"), text(row, "quantity"), numberOrNaN(row, "value"), numberOrNaN(row, "peak"),
                numberOrNaN(row, "limit"), text(row, "period"), text(row, "severity"), list(row, "buildings"),
                list(row, "complaints"), Instant.parse(text(row, "time")).toEpochMilli(), "open".equals(text(row, "state")),
                null);
    }
}
