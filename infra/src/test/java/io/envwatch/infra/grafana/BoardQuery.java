package io.envwatch.infra.grafana;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Grafana's InfluxDB datasource sends for a panel query: variables substituted, and the
 * macros {@code $timeFilter}, {@code $__interval}, {@code ${__from}}, {@code ${__to}} expanded for
 * the dashboard's time range with the panel's relative time and time shift applied.
 */
final class BoardQuery {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d+)([smhdwMy]))?(?:/([dwMy]))?");
    /**
     * A month range starts at least this long before now: the test's data is minutes old, and at
     * 00:05 on the 1st "this month" would hold none of it. Grafana has no such rule.
     */
    static final Duration MONTH_START_MARGIN = Duration.ofMinutes(15);

    /** A time range, epoch ms. */
    record Range(long from, long to) {
        String interval() {
            // About one point per pixel of a 1,000-pixel panel, as Grafana aims for.
            return Math.max(1, (to - from) / 1000 / 1000) + "s";
        }
    }

    private BoardQuery() {}

    /**
     * The dashboard's range ({@code from}, {@code to} as Grafana writes them), then the panel's
     * relative time ({@code timeFrom}, e.g. 24h) and time shift ({@code timeShift}, e.g. 450m).
     */
    static Range range(String from, String to, String timeFrom, String timeShift, Instant now, ZoneId zone) {
        long start = parse(from, now, zone, true);
        long end = parse(to, now, zone, false);
        if (timeFrom != null && !timeFrom.isEmpty()) {
            start = now.toEpochMilli() - duration(timeFrom);
            end = now.toEpochMilli();
        }
        if (timeShift != null && !timeShift.isEmpty()) {
            start -= duration(timeShift);
            end -= duration(timeShift);
        }
        return new Range(start, end);
    }

    static String expand(String query, Range range, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = switch (name) {
                case "timeFilter" -> "time >= " + range.from() + "ms and time <= " + range.to() + "ms";
                case "__interval" -> range.interval();
                case "__interval_ms" ->
                    String.valueOf(Long.parseLong(range.interval().replace("s", "")) * 1000);
                case "__from" -> String.valueOf(range.from());
                case "__to" -> String.valueOf(range.to());
                default -> {
                    String v = variables.get(name);
                    if (v == null) {
                        throw new IllegalArgumentException("$" + name + " is neither a variable nor a macro");
                    }
                    yield v;
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static long parse(String text, Instant now, ZoneId zone, boolean start) {
        Matcher m = RELATIVE.matcher(text);
        if (!m.matches()) {
            return Instant.parse(text).toEpochMilli();
        }
        long t = now.toEpochMilli();
        if (m.group(1) != null) {
            t -= duration(m.group(1) + m.group(2));
        }
        if ("M".equals(m.group(3))) {
            ZonedDateTime local = Instant.ofEpochMilli(start ? t - MONTH_START_MARGIN.toMillis() : t)
                    .atZone(zone);
            YearMonth month = YearMonth.from(local);
            return (start
                                    ? month.atDay(1).atStartOfDay(zone)
                                    : month.plusMonths(1).atDay(1).atStartOfDay(zone))
                            .toInstant()
                            .toEpochMilli()
                    - (start ? 0 : 1);
        }
        if (m.group(3) != null) {
            throw new IllegalArgumentException(
                    "rounding to /" + m.group(3) + " is not needed by the boards yet: " + text);
        }
        return t;
    }

    /** 24h, 31d, 450m, 182d ... in ms. */
    static long duration(String text) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> n * 1000;
            case 'm' -> n * 60_000;
            case 'h' -> n * 3_600_000;
            case 'd' -> n * 86_400_000;
            case 'w' -> n * 7 * 86_400_000;
            default -> throw new IllegalArgumentException("unknown unit in " + text);
        };
    }
}
