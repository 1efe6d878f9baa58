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
        for (ExceededInterval exceeded : outcome.exceededIntervals()) {
            out.collect(new ComplaintLink(
                    outcome.complaint.id,
                    exceeded.source().site(),
                    exceeded.source().rule(),
                    exceeded.start(),
                    due));
        }
    }
}
