package io.envwatch.stream.complaints;

import io.envwatch.district.complaints.Complaint;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Each complaint id once. The duty service sends again, after a reconnect to the broker, what the
 * broker acknowledged in the last minute (docs/mqtt-readings.md, "Sending: keep and resend"), so the
 * job can receive a complaint twice; taken twice, its sites' evidence was gathered twice, and a
 * complaint with two sites in range was decided on one site's evidence counted as both.
 *
 * <p>Keyed by complaint id. Complaints do not move event time ({@link ComplaintTime}), so an id is
 * forgotten by a processing-time timer, after the complaints' {@code horizon} (P30D): that long
 * after its first copy, no resend of it can still be on its way. A few hundred bytes a complaint.
 */
public class ComplaintOnce extends KeyedProcessFunction<String, Complaint, Complaint> {
    private final long keepMillis;
    private transient ValueState<Boolean> seen;
    private transient Counter copies;

    public ComplaintOnce(long keepMillis) {
        this.keepMillis = keepMillis;
    }

    @Override
    public void open(OpenContext context) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("complaint-seen", Types.BOOLEAN));
        copies = getRuntimeContext().getMetricGroup().counter("complaintCopiesDropped");
    }

    @Override
    public void processElement(Complaint complaint, Context ctx, Collector<Complaint> out) throws Exception {
        if (seen.value() != null) {
            copies.inc();
            return;
        }
        seen.update(true);
        ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + keepMillis);
        out.collect(complaint);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Complaint> out) {
        seen.clear();
    }
}
