package io.envwatch.stream.complaints;

import io.envwatch.district.limits.RuleSettings;
import io.envwatch.stream.incidents.ComplaintLink;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * A corroborated complaint, once per site and rule that exceeded, for the incident tracker: it
 * names the exceeded interval that corroborated it, so the tracker joins the complaint to the
 * incident (or run of exceedances) holding that interval, and the time its window closed, after
 * which the tracker has seen every verdict of it.
 */
public class LinkToIncidents implements FlatMapFunction<ComplaintOutcome, ComplaintLink> {
    private final RuleSettings.Complaints settings;

    public LinkToIncidents(RuleSettings.Complaints settings) {
        this.settings = settings;
    }

    @Override
    public void flatMap(ComplaintOutcome outcome, Collector<ComplaintLink> out) {
        long due = EvidenceWindow.around(outcome.complaint.observedAt, settings).due();
        for (String exceeded : outcome.exceeded) {
            String[] parts = exceeded.split("\\|");
            out.collect(new ComplaintLink(outcome.complaint.id, parts[0], parts[1], Long.parseLong(parts[2]), due));
        }
    }
}
