package io.envwatch.stream.incidents;

import io.envwatch.district.schema.SiteRule;

/**
 * A complaint corroborated by a site's exceedance under a rule: it belongs to the incident (or run
 * of exceedances) holding the exceeded interval that started at {@code intervalStart}. A Flink POJO.
 */
public class ComplaintLink {
    public String complaintId;
    public String site;
    public String rule;
    public long intervalStart;
    /** When the complaint's evidence window closed in event time: every verdict it rests on came before. */
    public long due;

    public ComplaintLink() {}

    public ComplaintLink(String complaintId, String site, String rule, long intervalStart, long due) {
        this.complaintId = complaintId;
        this.site = site;
        this.rule = rule;
        this.intervalStart = intervalStart;
        this.due = due;
    }

    /** The same key as {@link Judgement#key()}. */
    public String key() {
        return new SiteRule(site, rule).format();
    }
}
