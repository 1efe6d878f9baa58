package io.envwatch.stream.incidents;

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

    public static Judgement of(String site, String rule, String quantity, String unit, long start, long end, double value,
            double limit, double recoveredBelow, String period, int openAfter, long persistForMillis, long clearAfterMillis) {
        Judgement j = new Judgement();
        j.site = site;
        j.rule = rule;
        j.quantity = quantity;
        j.unit = unit;
        j.start = start;
        j.end = end;
        j.value = value;
        j.limit = limit;
        j.exceeded = value > limit;
        j.recovered = value <= recoveredBelow;
        j.period = period;
        j.openAfter = openAfter;
        j.persistForMillis = persistForMillis;
        j.clearAfterMillis = clearAfterMillis;
        return j;
    }

    public String key() {
        return site + "|" + rule;
    }

    @Override
    public String toString() {
        return site + " " + rule + " [" + start + "," + end + ") " + value + "/" + limit + (exceeded ? " EXCEEDED" : "")
                + (recovered ? " recovered" : "");
    }
}
