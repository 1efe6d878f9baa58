package io.envwatch.alerting.alerts;

import io.envwatch.district.language.Words;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.rules.RuleId;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How an alert reads to a duty officer who has not read the docs: what was breached, in words of
 * the reader's language, and its figures at their quantity's precision with units. The API keeps
 * the raw numbers beside this for machines; the console shows only this.
 */
public final class AlertWording {
    private AlertWording() {}

    /** {@code {"kind": ..., "summary": ...}} for the alert's incident. */
    public static JsonObject of(IncidentSnapshot i, Words words) {
        return new JsonObject().put("kind", kind(i.kind(), words)).put("summary", summary(i, words));
    }

    /** The rule an incident broke, in words ("noise-laeq-10s" is "Noise: LAeq over 10-second intervals ..."). */
    static String kind(String rule, Words words) {
        if (rule == null) {
            return "";
        }
        RuleId id = RuleId.parse(rule).orElse(null);
        if (id == null) {
            return rule;
        }
        String key = "alert.kind." + id.family().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (id.family()) {
            case NOISE_LAEQ -> words.text(key, "interval", interval(id.variant(), words));
            case ODOUR -> words.text(key, "pollutant", words.term("quantity.", id.variant()));
            default -> words.text(key);
        };
    }

    /**
     * The figures in a sentence. A budget alert's figure is a shortfall (how far the remaining
     * budget is under its alert level), not a reading against a limit, so it says so.
     */
    static String summary(IncidentSnapshot i, Words words) {
        String peak = Quantity.format(i.quantity(), i.peak());
        String now = Quantity.format(i.quantity(), i.value());
        if (RuleId.TP_BUDGET.wireName().equals(i.kind())) {
            return words.text("alert.summary.tp-budget", "peak", peak, "now", now);
        }
        if (RuleId.NO_DATA.wireName().equals(i.kind())) {
            return words.text("alert.summary.no-data");
        }
        return words.text(
                "alert.summary.reading",
                "peak",
                peak,
                "limit",
                Quantity.format(i.quantity(), i.limit()),
                "period",
                i.period() == null ? "" : i.period(),
                "now",
                now);
    }

    /** "10s" is "10-second", "1m" "1-minute", "1h" "1-hour": the rule names' ISO-8601 tail. */
    private static String interval(String tail, Words words) {
        try {
            Duration d = Duration.parse("PT" + tail.toUpperCase(Locale.ROOT));
            if (d.toHours() > 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
                return words.text("interval.hour", "n", d.toHours());
            }
            if (d.toMinutes() > 0 && d.toSecondsPart() == 0) {
                return words.text("interval.minute", "n", d.toMinutes());
            }
            return words.text("interval.second", "n", d.toSeconds());
        } catch (DateTimeParseException e) {
            return tail;
        }
    }
}
