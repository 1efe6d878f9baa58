package io.envwatch.stream.complaints;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.registry.Registry;
import io.envwatch.stream.incidents.Judgement;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** The complaints part of the job graph: sites in range, site evidence, the outcome per complaint. */
public final class ComplaintRules {
    private ComplaintRules() {}

    /**
     * Complaints in their observed time, never moving the job's event time ({@link ComplaintTime}),
     * each id once ({@link ComplaintOnce}).
     */
    public static DataStream<Complaint> inEventTime(DataStream<Complaint> complaints, Registry registry) {
        return complaints
                .transform("complaint time", complaints.getType(), new ComplaintTime())
                .uid("complaint-time")
                .keyBy(c -> c.id)
                .process(new ComplaintOnce(registry.rules().complaints().horizonMillis()))
                .uid("complaint-once")
                .name("each complaint once");
    }

    public static DataStream<ComplaintOutcome> attach(
            DataStream<Complaint> complaints, DataStream<Judgement> verdicts, Registry registry) {
        SingleOutputStreamOperator<ComplaintAtSite> pairs =
                complaints.process(new SitesInRange(registry)).name("sites in range");
        DataStream<SiteEvidence> evidence = pairs.keyBy(p -> p.site)
                .connect(verdicts.keyBy(j -> j.site))
                .process(new ComplaintCorrelator(registry))
                .uid("complaint-evidence")
                .name("complaint evidence");
        DataStream<ComplaintOutcome> decided = complaints
                .keyBy(c -> c.id)
                .connect(evidence.keyBy(e -> e.complaintId))
                .process(new ComplaintVerdicts())
                .uid("complaint-verdicts")
                .name("complaint verdicts");
        return decided.union(pairs.getSideOutput(SitesInRange.OUT_OF_RANGE));
    }
}
