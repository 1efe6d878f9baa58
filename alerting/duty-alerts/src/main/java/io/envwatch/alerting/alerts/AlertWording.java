package io.envwatch.alerting.alerts;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.rules.RuleId;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How an alert reads to a duty officer who has not read the docs: what was breached, in words, and
 * its figures at their quantity's precision with units. The API keeps the raw numbers beside this
 * for machines; the console shows only this.
 */
public final class AlertWording {
    private AlertWording() {}

    /** {@code {"kind": ..., "summary": ...}} for the alert's incident. */
    public static JsonObject of(IncidentSnapshot i) {
        return new JsonObject().put("kind", kind(i.kind())).put("summary", summary(i));
    }

    /** The rule an incident broke, in words ("noise-laeq-10s" is "Noise: LAeq over 10-second intervals"). */
    static String kind(String rule) {
        if (rule == null) {
            return "";
        }
        RuleId id = RuleId.parse(rule).orElse(null);
        if (id == null) {
            return rule;
        }
        return switch (id.family()) {
            case NOISE_LAEQ -> "Noise: LAeq over " + interval(id.variant()) + " intervals above the limit";
            case ODOUR ->
                "Odour: "
                        + ("odour".equals(id.variant())
                                ? "odour concentration"
                                : id.variant().replace('_', ' ')) + " above the boundary limit";
            case NOISE_NIGHT_MAX -> "Noise: a night-time maximum above the limit";
            case TP_MEAN -> "River: total phosphorus mean above the target class";
            case TP_SPIKE -> "River: a sudden total phosphorus spike";
            case TP_DAILY -> "River: a daily total phosphorus mean worse than the target";
            case TP_BUDGET -> "River: the month's phosphorus budget is running out";
            case NO_DATA -> "Sensor silent: no readings";
        };
    }

    /**
     * The figures in a sentence. A budget alert's figure is a shortfall (how far the remaining
     * budget is under its alert level), not a reading against a limit, so it says so.
     */
    static String summary(IncidentSnapshot i) {
        String peak = Quantity.format(i.quantity(), i.peak());
        String now = Quantity.format(i.quantity(), i.value());
        if (RuleId.TP_BUDGET.wireName().equals(i.kind())) {
            return "The rest of the month may average less than the alert level allows: the budget fell short of it by "
                    + peak + " at worst (" + now + " now). When the budget reaches zero the month can no longer pass.";
        }
        if (RuleId.NO_DATA.wireName().equals(i.kind())) {
            return "No readings from the sensor since the incident started.";
        }
        String limit = Quantity.format(i.quantity(), i.limit());
        return "Peak " + peak + " against a limit of " + limit
                + (i.period() == null || i.period().isBlank() ? "" : " (" + i.period() + ")") + "; latest " + now + ".";
    }

    /** "10s" -> "10-second", "1m" -> "1-minute", "1h" -> "1-hour": the rule names' ISO-8601 tail. */
    private static String interval(String tail) {
        try {
            Duration d = Duration.parse("PT" + tail.toUpperCase(Locale.ROOT));
            if (d.toHours() > 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
                return d.toHours() + "-hour";
            }
            if (d.toMinutes() > 0 && d.toSecondsPart() == 0) {
                return d.toMinutes() + "-minute";
            }
            return d.toSeconds() + "-second";
        } catch (DateTimeParseException e) {
            return tail;
        }
    }
}
