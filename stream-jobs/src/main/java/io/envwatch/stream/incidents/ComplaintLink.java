package io.envwatch.stream.incidents;

/** A complaint corroborated by a site's exceedance under a rule: it belongs to that incident. A Flink POJO. */
public class ComplaintLink {
    public String complaintId;
    public String site;
    public String rule;
    public long observedAt;

    public ComplaintLink() {}

    public ComplaintLink(String complaintId, String site, String rule, long observedAt) {
        this.complaintId = complaintId;
        this.site = site;
        this.rule = rule;
        this.observedAt = observedAt;
    }

    public String key() {
        return site + "|" + rule;
    }
}
