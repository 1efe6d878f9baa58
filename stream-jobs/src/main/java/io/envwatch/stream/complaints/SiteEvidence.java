package io.envwatch.stream.complaints;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.rules.RuleId;

/** What one site's verdicts say about one complaint. A Flink POJO. */
public class SiteEvidence {
    public static final String EXCEEDED = "exceeded";
    public static final String COMPLIANT = "compliant";
    public static final String NO_DATA = RuleId.NO_DATA.wireName();

    public String complaintId;
    public String site;
    public double metres;
    public int candidates;
    /** exceeded, compliant (every interval within the limit), or no-data. */
    public String finding;

    public String rule;
    /** The worst interval's quantity (wire name), which sets how its figures are shown. */
    public String quantity;
    /** The worst interval: highest value relative to its limit. */
    public double value;

    public double limit;
    public long at;
    public int intervals;

    public SiteEvidence() {}

    /** "site rule value / limit unit @metres m", for people: figures at their quantity's precision. */
    public String describe() {
        return site + " "
                + (rule == null
                        ? finding
                        : rule + " " + Quantity.format(quantity, value) + " / " + Quantity.format(quantity, limit))
                + " @" + Math.round(metres) + " m";
    }
}
