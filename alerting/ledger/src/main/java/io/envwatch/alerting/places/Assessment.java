package io.envwatch.alerting.places;

import io.envwatch.alerting.supervision.Supervision;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The year's assessment of each village or community (年度考核): its figures for the year, its
 * escalated complaints beside last year's, special supervision and the interviews of its leaders,
 * and the veto (一票否决): a village whose escalated complaints rose over last year's fails the
 * assessment whatever else it did. Blocking (InfluxQL): call it from a worker.
 */
public final class Assessment {
    /** One village's year. */
    public record Row(
            VillageFigures.Figures year, long escalatedLastYear, boolean supervised, long interviews, boolean veto) {}

    private final VillageFigures figures;
    private final Supervision supervision;
    private final ZoneId zone;

    public Assessment(VillageFigures figures, Supervision supervision, ZoneId zone) {
        this.figures = figures;
        this.supervision = supervision;
        this.zone = zone;
    }

    /** The year's rows for the villages of the towns given, vetoed ones first, then most complaints. */
    public List<Row> year(int year, Predicate<String> town) {
        LocalDate first = LocalDate.of(year, 1, 1);
        Map<String, VillageFigures.Figures> lastYear = figures.period(first.minusYears(1), first, town).stream()
                .collect(Collectors.toMap(f -> f.village().id(), f -> f));
        Map<String, Supervision.State> states = supervision.all().stream()
                .collect(Collectors.toMap(s -> s.village().id(), s -> s));
        List<Row> rows = new ArrayList<>();
        for (VillageFigures.Figures f : figures.period(first, first.plusYears(1), town)) {
            long before = lastYear.containsKey(f.village().id())
                    ? lastYear.get(f.village().id()).escalated()
                    : 0;
            Supervision.State s = states.get(f.village().id());
            long interviews = s == null
                    ? 0
                    : s.interviews().stream()
                            .filter(i -> ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(i.at()), zone)
                                            .getYear()
                                    == year)
                            .count();
            rows.add(new Row(f, before, s != null && s.supervised(), interviews, f.escalated() > before));
        }
        rows.sort((a, b) -> Boolean.compare(b.veto(), a.veto()));
        return rows;
    }

    /** The rows as CSV (RFC 4180, UTF-8), a header first. */
    public static String csv(int year, List<Row> rows) {
        StringBuilder out = new StringBuilder(
                "year,village,name,town,complaints,corroborated,escalated,escalated_last_year,incidents,"
                        + "cases_opened,cases_closed,under_supervision,interviews,veto\r\n");
        for (Row r : rows) {
            VillageFigures.Figures f = r.year();
            out.append(year)
                    .append(',')
                    .append(field(f.village().id()))
                    .append(',')
                    .append(field(f.village().name()))
                    .append(',')
                    .append(field(f.village().town()))
                    .append(',')
                    .append(f.complaints())
                    .append(',')
                    .append(f.corroborated())
                    .append(',')
                    .append(f.escalated())
                    .append(',')
                    .append(r.escalatedLastYear())
                    .append(',')
                    .append(f.incidents())
                    .append(',')
                    .append(f.casesOpened())
                    .append(',')
                    .append(f.casesClosed())
                    .append(',')
                    .append(r.supervised())
                    .append(',')
                    .append(r.interviews())
                    .append(',')
                    .append(r.veto())
                    .append("\r\n");
        }
        return out.toString();
    }

    /** A CSV field, quoted when it must be; a leading =, +, - or @ is neutralised (spreadsheet formulas). */
    static String field(String text) {
        String t = text == null ? "" : text;
        if (!t.isEmpty() && "=+-@".indexOf(t.charAt(0)) >= 0) {
            t = "'" + t;
        }
        return t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r")
                ? "\"" + t.replace("\"", "\"\"") + "\""
                : t;
    }
}
