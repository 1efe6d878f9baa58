package io.envwatch.alerting.reception;

import io.envwatch.alerting.events.Refused;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.ReceptionDayPoint;
import io.envwatch.district.schema.Row;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leaders' reception days as scheduled and as held: each month's days with what became of
 * them (upcoming, due today, held, or missed once the day has passed unrecorded, which the duty
 * room sees flagged), the recording of a day held, and the complaints filed there (channel
 * {@code reception}). Blocking (InfluxDB): call it from a worker.
 */
public final class ReceptionDays {
    /** What became of a scheduled day. */
    public enum Status {
        UPCOMING,
        DUE,
        HELD,
        MISSED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A scheduled day, what became of it, and the record when it was held. */
    public record Day(String town, String leader, LocalDate date, Status status, ReceptionDayPoint held) {}

    private final ReceptionSettings settings;
    private final InfluxQlRows reads;
    private final InfluxWrites writes;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, ReceptionDayPoint> held = new ConcurrentHashMap<>();

    public ReceptionDays(
            ReceptionSettings settings, InfluxQlRows reads, InfluxWrites writes, Clock clock, ZoneId zone) {
        this.settings = settings;
        this.reads = reads;
        this.writes = writes;
        this.clock = clock;
        this.zone = zone;
    }

    private static String key(String town, String leader, String date) {
        return town + "|" + leader + "|" + date;
    }

    /** Reads back the days held; the number read. */
    public int recover() {
        List<Row> rows = reads.rows(InfluxQl.selectAll(ReceptionDayPoint.MEASUREMENT));
        for (Row row : rows) {
            ReceptionDayPoint p = ReceptionDayPoint.fromRow(row);
            held.put(key(p.town(), p.leader(), p.date()), p);
        }
        return rows.size();
    }

    public LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    /** The month's scheduled days of the towns given (all when null), by date. */
    public List<Day> month(YearMonth month, java.util.function.Predicate<String> town) {
        LocalDate today = today();
        List<Day> days = new ArrayList<>();
        for (ReceptionSettings.Schedule s : settings.schedules()) {
            if (!town.test(s.town())) {
                continue;
            }
            LocalDate date = month.atDay(s.dayOfMonth());
            ReceptionDayPoint record = held.get(key(s.town(), s.leader(), date.toString()));
            Status status = record != null
                    ? Status.HELD
                    : date.isBefore(today) ? Status.MISSED : date.isEqual(today) ? Status.DUE : Status.UPCOMING;
            days.add(new Day(s.town(), s.leader(), date, status, record));
        }
        days.sort(Comparator.comparing(Day::date).thenComparing(Day::town));
        return days;
    }

    /** The scheduled days missed within the last {@code days} days (the day itself past, none recorded held). */
    public List<Day> missedWithin(int days) {
        LocalDate today = today();
        LocalDate from = today.minusDays(days);
        List<Day> missed = new ArrayList<>();
        for (YearMonth month : List.of(YearMonth.from(from), YearMonth.from(today))) {
            for (Day d : month(month, town -> true)) {
                if (d.status() == Status.MISSED && !d.date().isBefore(from) && !missed.contains(d)) {
                    missed.add(d);
                }
            }
        }
        return missed;
    }

    /**
     * Records a day as held: by its leader or the duty room, on or after the day, once.
     *
     * @throws Refused not scheduled (404), not theirs (403), not yet or recorded already (409)
     */
    public synchronized ReceptionDayPoint hold(String town, LocalDate date, Staff by, long visitors, String note) {
        ReceptionSettings.Schedule schedule = settings.schedules().stream()
                .filter(s -> s.town().equals(town) && s.dayOfMonth() == date.getDayOfMonth())
                .findFirst()
                .orElseThrow(() -> new Refused(
                        Refused.Reason.NOT_FOUND, "refused.reception.none", "town", town, "date", date.toString()));
        boolean may =
                by.name().equals(schedule.leader()) || by.role() == Role.DUTY_LEADER || by.role() == Role.DUTY_OFFICER;
        if (!may) {
            throw new Refused(Refused.Reason.NOT_YOURS, "refused.reception.not-yours", "leader", schedule.leader());
        }
        if (date.isAfter(today())) {
            throw new Refused(Refused.Reason.NOT_NOW, "refused.reception.not-yet", "date", date.toString());
        }
        String key = key(town, schedule.leader(), date.toString());
        if (held.containsKey(key)) {
            throw new Refused(Refused.Reason.NOT_NOW, "refused.reception.held", "date", date.toString());
        }
        ReceptionDayPoint point = new ReceptionDayPoint(
                town,
                schedule.leader(),
                date.toString(),
                by.name(),
                visitors,
                note,
                date.atStartOfDay(zone).toInstant().toEpochMilli() * 1_000_000L);
        writes.write(point.toLine());
        held.put(key, point);
        return point;
    }

    /** The complaints filed as received on that day in that town (channel {@code reception}). */
    public long complaintsReceived(String town, LocalDate date) {
        long from = date.atStartOfDay(zone).toInstant().toEpochMilli();
        long to = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        // The count is named as the column it counts, so that the row reads it as that column.
        String q = "SELECT count(" + ComplaintPoint.ID.quoted() + ") AS " + ComplaintPoint.ID.quoted() + " FROM "
                + ComplaintPoint.MEASUREMENT.quoted()
                + " WHERE " + ComplaintPoint.CHANNEL.is("reception") + " AND " + ComplaintPoint.TOWN.is(town)
                + " AND time >= " + from + "ms AND time < " + to + "ms";
        return reads.rows(q).stream()
                .mapToLong(r -> r.integer(ComplaintPoint.ID, 0))
                .sum();
    }
}
