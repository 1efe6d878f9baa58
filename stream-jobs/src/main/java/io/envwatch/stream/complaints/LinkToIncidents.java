package io.envwatch.stream.complaints;

import io.envwatch.stream.incidents.ComplaintLink;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** A corroborated complaint, once per site and rule that exceeded, for the incident tracker. */
public class LinkToIncidents implements FlatMapFunction<ComplaintOutcome, ComplaintLink> {
    @Override
    public void flatMap(ComplaintOutcome outcome, Collector<ComplaintLink> out) {
        for (String siteAndRule : outcome.exceeded) {
            String[] parts = siteAndRule.split("\\|");
            out.collect(new ComplaintLink(outcome.complaint.id, parts[0], parts[1], outcome.complaint.observedAt));
        }
    }
}
