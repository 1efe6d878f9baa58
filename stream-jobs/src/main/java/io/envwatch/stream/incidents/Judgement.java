package io.envwatch.stream.incidents;

import io.envwatch.district.limits.RuleSettings;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.schema.SiteRule;

/**
 * One rule's verdict on one interval (or one reading) of one site: the value, the limit, whether
 * it exceeded, and whether it was low enough to count as recovered (below the limit by the rule's
 * hysteresis margin). Values between the two neither extend nor end an incident's recovery. The
 * rule also says how many exceeded verdicts in a row (spanning how long) open an incident and how long recovery must
 * last to end one, so the tracker stays the same for every rule. A Flink POJO.
 */
public class Judgement {
    public String site;
    /** The rule family and variant, e.g. noise-laeq-1m, noise-night-max, odour-h2s, tp-mean, no-data. */
    public String rule;

    public String quantity;
    public String unit;
    public long start;
    public long end;
    public double value;
    public double limit;
    public boolean exceeded;
    public boolean recovered;
    /** "day", "night", or "" where the standard has no periods. */
    public String period;

    public int openAfter;
    /** The run of exceeded verdicts must also span this long before an incident opens (0: no minimum). */
    public long persistForMillis;

    public long clearAfterMillis;

    public Judgement() {}

    /** A verdict of {@code rule} on {@code site}; the builder names each part, so none is passed in the wrong place. */
    public static Builder builder(String site, String rule) {
        return new Builder(site, rule);
    }

    /**
     * Builds a verdict. Whether it exceeded (value above the limit) and recovered (at or below the
     * recovery level) follow from the value; a rule whose verdict means something else sets them
     * on the built judgement. By default one verdict opens an incident and recovery is immediate.
     */
    public static final class Builder {
        private final Judgement j = new Judgement();
        private double recoveredBelow;

        private Builder(String site, String rule) {
            j.site = site;
            j.rule = rule;
            j.period = "";
            j.openAfter = 1;
        }

        public Builder quantity(Quantity quantity) {
            return quantity(quantity.wireName(), quantity.unit());
        }

        public Builder quantity(String quantity, String unit) {
            j.quantity = quantity;
            j.unit = unit;
            return this;
        }

        /** The interval judged, [start, end). */
        public Builder interval(long start, long end) {
            j.start = start;
            j.end = end;
            return this;
        }

        /** One reading or sample at {@code timestamp}: the interval [timestamp, timestamp + 1). */
        public Builder at(long timestamp) {
            return interval(timestamp, timestamp + 1);
        }

        public Builder value(double value) {
            j.value = value;
            return this;
        }

        /** @param recoveredBelow the level at or below which the value counts as recovered */
        public Builder limit(double limit, double recoveredBelow) {
            j.limit = limit;
            this.recoveredBelow = recoveredBelow;
            return this;
        }

        /** "day" or "night" where the standard has periods. */
        public Builder period(String period) {
            j.period = period;
            return this;
        }

        public Builder persistence(RuleSettings.Persistence rule) {
            return persistence(
                    rule.openAfter(),
                    rule.persistForMillis(),
                    rule.clearAfterDuration().toMillis());
        }

        /**
         * @param openAfter exceeded verdicts in a row that open an incident
         * @param persistForMillis how long that run must also span (0: no minimum)
         * @param clearAfterMillis how long recovery must last to end an incident
         */
        public Builder persistence(int openAfter, long persistForMillis, long clearAfterMillis) {
            j.openAfter = openAfter;
            j.persistForMillis = persistForMillis;
            j.clearAfterMillis = clearAfterMillis;
            return this;
        }

        public Judgement build() {
            j.exceeded = j.value > j.limit;
            j.recovered = j.value <= recoveredBelow;
            return j;
        }
    }

    /** The tracker's key: verdicts and complaint links of one site and rule meet there. */
    public String key() {
        return new SiteRule(site, rule).format();
    }

    @Override
    public String toString() {
        return site + " " + rule + " [" + start + "," + end + ") " + value + "/" + limit + (exceeded ? " EXCEEDED" : "")
                + (recovered ? " recovered" : "");
    }
}
