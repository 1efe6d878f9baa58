package io.envwatch.stream.complaints;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.registry.Registry;
import io.envwatch.stream.incidents.Judgement;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** The complaints part of the job graph: sites in range, site evidence, the outcome per complaint. */
public final class ComplaintRules {
    private ComplaintRules() {}

    /**
     * Complaints arrive long after the nuisance (and may describe one weeks old), so they must not
     * hold back event time; nor may they move it. Their stream says it is idle, so that every
     * operator joining it to the sensors' verdicts takes its time from the verdicts alone. A
     * watermark at the end of time would do the first but not the second: once every reader went
     * idle (no readings for {@code rules.readerIdle}: a broker outage, a power cut), it was the only
     * watermark left, so complaints were judged at once on the evidence so far and repeat cases
     * closed, and for good, as a watermark never goes back (QuietSensorsIT).
     */
    static final class NoConstraint implements WatermarkGenerator<Complaint> {
        @Override
        public void onEvent(Complaint complaint, long timestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }

    public static DataStream<Complaint> inEventTime(DataStream<Complaint> complaints) {
        return complaints.assignTimestampsAndWatermarks(WatermarkStrategy.<Complaint>forGenerator(ctx -> new NoConstraint())
                        .withTimestampAssigner((c, previous) -> c.observedAt))
                .uid("complaint-time")
                .name("complaint time");
    }

    public static DataStream<ComplaintOutcome> attach(DataStream<Complaint> complaints, DataStream<Judgement> verdicts,
            Registry registry) {
        SingleOutputStreamOperator<ComplaintAtSite> pairs = complaints.process(new SitesInRange(registry)).name("sites in range");
        DataStream<SiteEvidence> evidence = pairs.keyBy(p -> p.site)
                .connect(verdicts.keyBy(j -> j.site))
                .process(new ComplaintCorrelator(registry))
                .uid("complaint-evidence")
                .name("complaint evidence");
        DataStream<ComplaintOutcome> decided = complaints.keyBy(c -> c.id)
                .connect(evidence.keyBy(e -> e.complaintId))
                .process(new ComplaintVerdicts())
                .uid("complaint-verdicts")
                .name("complaint verdicts");
        return decided.union(pairs.getSideOutput(SitesInRange.OUT_OF_RANGE));
    }
}
