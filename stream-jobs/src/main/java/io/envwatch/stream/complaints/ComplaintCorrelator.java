package io.envwatch.stream.complaints;

import io.envwatch.district.limits.RuleSettings;
import io.envwatch.district.registry.Registry;
import io.envwatch.stream.incidents.Judgement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins complaints with one site's verdicts in event time, keyed by site. The site keeps one
 * summary per slot (10 minutes) ({@link EvidenceSlot}: per complaint category, the number of verdicts
 * and the strongest) for the complaint horizon (30 days) plus the window, so that a complaint
 * filed the next morning, or weeks later, is judged on the same evidence as one filed at once
 * ({@link EvidenceWindow}). A complaint waits until the site's event time has passed its window,
 * then its category's summaries in the window decide: an exceedance, or all compliant, or nothing.
 * A timer a day drops the slots that have left the horizon.
 */
public class ComplaintCorrelator extends KeyedCoProcessFunction<String, ComplaintAtSite, Judgement, SiteEvidence> {
    private static final long DAY_MILLIS = 86_400_000L;

    private final Registry registry;
    private transient MapState<Long, EvidenceSlot> slots;
    private transient ValueState<Waiting> waiting;

    /** Complaints waiting for the site's event time to pass their window. A Flink POJO. */
    public static class Waiting {
        public List<ComplaintAtSite> complaints = new ArrayList<>();

        public Waiting() {}
    }

    public ComplaintCorrelator(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void open(OpenContext context) {
        slots = getRuntimeContext()
                .getMapState(
                        new MapStateDescriptor<>("evidence-slots", Types.LONG, TypeInformation.of(EvidenceSlot.class)));
        waiting = getRuntimeContext().getState(new ValueStateDescriptor<>("waiting-complaints", Waiting.class));
    }

    @Override
    public void processElement1(ComplaintAtSite pair, Context ctx, Collector<SiteEvidence> out) throws Exception {
        long due = EvidenceWindow.around(pair.complaint.observedAt, settings()).due();
        if (ctx.timerService().currentWatermark() >= due) {
            out.collect(decide(pair));
            return;
        }
        Waiting w = waiting.value() == null ? new Waiting() : waiting.value();
        w.complaints.add(pair);
        waiting.update(w);
        ctx.timerService().registerEventTimeTimer(due);
    }

    @Override
    public void processElement2(Judgement verdict, Context ctx, Collector<SiteEvidence> out) throws Exception {
        String category = EvidenceSlot.categoryOf(verdict.rule);
        if (category == null) {
            return; // e.g. a river sample's budget and daily verdicts: no complaint category uses them
        }
        long slot = EvidenceWindow.slotOf(verdict, settings().evidenceSlotMillis());
        EvidenceSlot s = slots.get(slot);
        if (s == null) {
            s = new EvidenceSlot();
        }
        s.add(category, verdict);
        slots.put(slot, s);
        ctx.timerService().registerEventTimeTimer(pruneTime(slot));
    }

    /** The end of the slot's day plus what the site keeps: one timer a day drops a day of slots. */
    private long pruneTime(long slot) {
        return (Math.floorDiv(slot, DAY_MILLIS) + 1) * DAY_MILLIS + settings().keepEvidenceMillis();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SiteEvidence> out) throws Exception {
        Waiting w = waiting.value();
        if (w != null) {
            List<ComplaintAtSite> still = new ArrayList<>();
            for (ComplaintAtSite pair : w.complaints) {
                if (EvidenceWindow.around(pair.complaint.observedAt, settings()).due() <= timestamp) {
                    out.collect(decide(pair));
                } else {
                    still.add(pair);
                }
            }
            if (still.isEmpty()) {
                waiting.clear();
            } else {
                w.complaints = still;
                waiting.update(w);
            }
        }
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            // The end of a bounded input (a drained job, a replay) is not the horizon passing: a
            // complaint still on its way, a network hop shorter than the verdicts, comes after it
            // and is judged on what the site kept.
            return;
        }
        long keepFrom = timestamp - settings().keepEvidenceMillis();
        for (Iterator<Map.Entry<Long, EvidenceSlot>> it = slots.iterator(); it.hasNext(); ) {
            if (it.next().getKey() + settings().evidenceSlotMillis() <= keepFrom) {
                it.remove();
            }
        }
        if (slots.isEmpty()) {
            slots.clear(); // an emptied map is still an entry of the heap backend until cleared
        }
    }

    private SiteEvidence decide(ComplaintAtSite pair) throws Exception {
        EvidenceWindow window = EvidenceWindow.around(pair.complaint.observedAt, settings());
        EvidenceSlot.Summary merged = null;
        for (long slot = window.firstSlot(); slot <= window.lastSlot(); slot += window.slotMillis()) {
            EvidenceSlot s = slots.get(slot);
            EvidenceSlot.Summary summary = s == null ? null : s.of(pair.complaint.category);
            if (summary != null) {
                if (merged == null) {
                    merged = summary.copy();
                } else {
                    merged.add(summary);
                }
            }
        }
        SiteEvidence e = new SiteEvidence();
        e.complaintId = pair.complaint.id;
        e.site = pair.site;
        e.metres = Math.round(pair.metres * 10) / 10.0;
        e.candidates = pair.candidates;
        e.finding = SiteEvidence.NO_DATA;
        if (merged != null) {
            e.intervals = merged.intervals;
            e.finding = merged.exceeded ? SiteEvidence.EXCEEDED : SiteEvidence.COMPLIANT;
            e.rule = merged.rule;
            e.quantity = merged.quantity;
            e.value = merged.value;
            e.limit = merged.limit;
            e.at = merged.start;
        }
        return e;
    }

    private RuleSettings.Complaints settings() {
        return registry.rules().complaints();
    }
}
