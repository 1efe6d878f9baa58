package io.envwatch.alerting.supervision;

import io.envwatch.alerting.cases.Case;
import io.envwatch.alerting.cases.CaseBook;
import io.envwatch.alerting.events.Refused;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Village;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.Row;
import io.envwatch.district.schema.SupervisionEventPoint;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Special supervision (专项督办) of villages and communities: once a month the rule is checked for
 * the month just ended (complaints risen, escalated complaints above last year's, an overdue ledger
 * case); a village it holds for enters supervision with its reasons and date; its leaders are
 * interviewed (约谈) and the interviews recorded; it is released once the rule has not held for the
 * settings' number of months in a row. Every step is stored, and the list rebuilt from them.
 * Blocking (InfluxDB): call it from a worker.
 */
public final class Supervision {
    public static final String ENVWATCH = "envwatch";

    /** An interview of a village's leaders. */
    public record Interview(
            long at, String by, String interviewee, String findings, String commitments, String nextCheck) {}

    /** A village as supervision sees it. */
    public static final class State {
        private final Village village;
        private boolean supervised;
        private String since;
        private String reasons;
        private int cleanMonths;
        private String releasedOn;
        private String lastChecked;
        private final List<Interview> interviews = new ArrayList<>();

        State(Village village) {
            this.village = village;
        }

        public Village village() {
            return village;
        }

        public boolean supervised() {
            return supervised;
        }

        /** The date supervision began (the day after the month that put it there), or null. */
        public String since() {
            return since;
        }

        public String reasons() {
            return reasons;
        }

        /** Months checked in a row without the rule holding, since it entered. */
        public int cleanMonths() {
            return cleanMonths;
        }

        public String releasedOn() {
            return releasedOn;
        }

        public String lastChecked() {
            return lastChecked;
        }

        public List<Interview> interviews() {
            return List.copyOf(interviews);
        }
    }

    private final SupervisionSettings settings;
    private final Registry registry;
    private final InfluxQlRows reads;
    private final InfluxWrites writes;
    private final CaseBook cases;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, State> villages = new LinkedHashMap<>();
    private String lastEvaluated;
    private long lastNanos;

    public Supervision(
            SupervisionSettings settings,
            Registry registry,
            InfluxQlRows reads,
            InfluxWrites writes,
            CaseBook cases,
            Clock clock) {
        this.settings = settings;
        this.registry = registry;
        this.reads = reads;
        this.writes = writes;
        this.cases = cases;
        this.clock = clock;
        this.zone = registry.localTime().zoneId();
        registry.villages().forEach(v -> villages.put(v.id(), new State(v)));
    }

    /** Reads back every stored step; the number read. */
    public synchronized int recover() {
        List<Row> rows = reads.rows(InfluxQl.selectAll(SupervisionEventPoint.MEASUREMENT) + " ORDER BY time ASC");
        rows.stream().map(SupervisionEventPoint::fromRow).forEach(this::apply);
        return rows.size();
    }

    private void apply(SupervisionEventPoint p) {
        lastNanos = Math.max(lastNanos, p.timeNanos());
        State s = villages.get(p.village());
        if (s == null) {
            return; // a village no longer in the registry
        }
        switch (p.action()) {
            case "checked" -> {
                s.lastChecked = p.month();
                if (lastEvaluated == null || p.month().compareTo(lastEvaluated) > 0) {
                    lastEvaluated = p.month();
                }
                if (s.supervised) {
                    s.cleanMonths = p.triggered() == 1 ? 0 : s.cleanMonths + 1;
                }
            }
            case "entered" -> {
                s.supervised = true;
                s.since = YearMonth.parse(p.month()).plusMonths(1).atDay(1).toString();
                s.reasons = p.reasons();
                s.cleanMonths = 0;
                s.releasedOn = null;
                s.interviews.clear();
            }
            case "interviewed" ->
                s.interviews.add(new Interview(
                        p.timeNanos() / 1_000_000L,
                        p.by(),
                        p.interviewee(),
                        p.findings(),
                        p.commitments(),
                        p.nextCheck()));
            case "released" -> {
                s.supervised = false;
                s.releasedOn = YearMonth.parse(p.month()).plusMonths(1).atDay(1).toString();
            }
            default -> {}
        }
    }

    private void store(List<SupervisionEventPoint> points) {
        List<String> lines = new ArrayList<>();
        points.forEach(p -> lines.add(p.toLine()));
        writes.writeAll(lines);
        points.forEach(this::apply);
    }

    /** A time for the next stored step: after every step before it, so the fold keeps their order. */
    private long nextNanos() {
        lastNanos = Math.max(lastNanos + 1, clock.millis() * 1_000_000L);
        return lastNanos;
    }

    /** Checks the month just ended if it has not been: the number of villages that entered or left. */
    public synchronized int evaluateDue() {
        YearMonth ended = YearMonth.now(clock.withZone(zone)).minusMonths(1);
        if (lastEvaluated != null && !ended.isAfter(YearMonth.parse(lastEvaluated))) {
            return 0;
        }
        return evaluate(ended);
    }

    private int evaluate(YearMonth month) {
        Map<String, Long> now = complaints(month.atDay(1), month.plusMonths(1).atDay(1), false);
        Map<String, Long> before = complaints(month.minusMonths(1).atDay(1), month.atDay(1), false);
        LocalDate yearStart = LocalDate.of(month.getYear(), 1, 1);
        Map<String, Long> escalated = complaints(yearStart, month.plusMonths(1).atDay(1), true);
        Map<String, Long> escalatedLastYear =
                complaints(yearStart.minusYears(1), month.plusMonths(1).atDay(1).minusYears(1), true);
        long endOfMonth =
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        Map<String, List<String>> overdue = new HashMap<>();
        for (Case c : cases.find(c -> !c.state().isClosed() && c.overdue(endOfMonth, zone))) {
            registry.villageOf(c.source())
                    .ifPresent(v -> overdue.computeIfAbsent(v.id(), id -> new ArrayList<>())
                            .add(c.id()));
        }
        List<SupervisionEventPoint> steps = new ArrayList<>();
        int changed = 0;
        for (State s : villages.values()) {
            String id = s.village.id();
            List<String> reasons = new ArrayList<>();
            long n = now.getOrDefault(id, 0L);
            long b = before.getOrDefault(id, 0L);
            if (n >= settings.minComplaints()
                    && (b == 0 || (n - b) * 100 > (long) settings.complaintsRisePercent() * b)) {
                reasons.add("complaints rose from " + b + " to " + n + " in " + month);
            }
            long e = escalated.getOrDefault(id, 0L);
            long eLast = escalatedLastYear.getOrDefault(id, 0L);
            if (e > eLast) {
                reasons.add("escalated complaints " + e + " this year by the end of " + month + ", " + eLast
                        + " by then last year");
            }
            if (overdue.containsKey(id)) {
                reasons.add("ledger case overdue: " + String.join(", ", overdue.get(id)));
            }
            boolean triggered = !reasons.isEmpty();
            String why = triggered ? String.join("; ", reasons) : null;
            steps.add(point(id, "checked", month, triggered, why));
            if (!s.supervised && triggered) {
                steps.add(point(id, "entered", month, true, why));
                changed++;
            } else if (s.supervised && !triggered && s.cleanMonths + 1 >= settings.releaseAfterMonths()) {
                steps.add(point(id, "released", month, false, null));
                changed++;
            }
        }
        if (steps.isEmpty()) {
            // No village in the registry: the month is checked all the same.
            lastEvaluated = month.toString();
            return 0;
        }
        store(steps);
        lastEvaluated = month.toString();
        return changed;
    }

    private SupervisionEventPoint point(String village, String action, YearMonth month, boolean triggered, String why) {
        return new SupervisionEventPoint(
                village,
                action,
                month.toString(),
                triggered ? 1 : 0,
                why,
                ENVWATCH,
                null,
                null,
                null,
                null,
                nextNanos());
    }

    /** Complaints (or escalated ones) per village in [from, to) local days. */
    private Map<String, Long> complaints(LocalDate from, LocalDate to, boolean escalatedOnly) {
        String q = "SELECT count(" + ComplaintPoint.ID.quoted() + ") AS " + ComplaintPoint.ID.quoted() + " FROM "
                + ComplaintPoint.MEASUREMENT.quoted() + " WHERE time >= "
                + InfluxQl.literal(from.atStartOfDay(zone).toInstant()) + " AND time < "
                + InfluxQl.literal(to.atStartOfDay(zone).toInstant())
                + (escalatedOnly ? " AND " + ComplaintPoint.ESCALATED.quoted() + " = 1" : "") + " GROUP BY "
                + ComplaintPoint.VILLAGE.quoted();
        Map<String, Long> out = new HashMap<>();
        for (Row row : reads.rows(q)) {
            Object village = row.values().get(ComplaintPoint.VILLAGE.name());
            if (village != null) {
                out.merge(village.toString(), row.integer(ComplaintPoint.ID, 0), Long::sum);
            }
        }
        return out;
    }

    /**
     * Records an interview of a supervised village's leaders: by the duty leader, or a leader
     * covering its town.
     *
     * @throws Refused unknown village (404), not theirs (403), not under supervision (409)
     */
    public synchronized Interview interview(
            String villageId, Staff by, String interviewee, String findings, String commitments, LocalDate nextCheck) {
        State s = villages.get(villageId);
        if (s == null) {
            throw new Refused(Refused.Reason.NOT_FOUND, "refused.supervision.none", "village", villageId);
        }
        boolean may = by.role() == Role.DUTY_LEADER
                || (by.role() == Role.LEADER
                        && (by.towns().isEmpty() || by.towns().contains(s.village.town())));
        if (!may) {
            throw new Refused(Refused.Reason.NOT_YOURS, "refused.supervision.not-yours", "who", by.name());
        }
        if (!s.supervised) {
            throw new Refused(
                    Refused.Reason.NOT_NOW, "refused.supervision.not-supervised", "village", s.village.name());
        }
        store(List.of(new SupervisionEventPoint(
                villageId,
                "interviewed",
                null,
                0,
                null,
                by.name(),
                interviewee,
                findings,
                commitments,
                nextCheck == null ? null : nextCheck.toString(),
                nextNanos())));
        return s.interviews.get(s.interviews.size() - 1);
    }

    /** Every registry village as supervision sees it, those under supervision first. */
    public synchronized List<State> all() {
        List<State> out = new ArrayList<>(villages.values());
        out.sort((a, b) -> Boolean.compare(b.supervised, a.supervised));
        return out;
    }
}
