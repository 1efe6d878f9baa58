package io.envwatch.stream.complaints;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.limits.RuleSettings;
import io.envwatch.district.registry.Building;
import io.envwatch.district.registry.Registry;
import io.envwatch.stream.residential.NearbyBuildings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The repeat-complaint ledger, keyed by place and category: a place is the building named or
 * nearest (within 100 m by default), else a grid cell of about 200 m. When the complaints within
 * the period (30 days) reach the count (3), a repeat case opens; every further complaint updates
 * it; a period without one closes it. State: the place's complaints of the period, pruned, and one
 * timer.
 */
public class RepeatComplaints extends KeyedProcessFunction<String, ComplaintOutcome, RepeatCase> {
    private static final double CELL_DEGREES = 0.002;

    private final Registry registry;
    private transient ValueState<Ledger> ledger;

    /** A Flink POJO. */
    public static class Ledger {
        public List<ComplaintOutcome> recent = new ArrayList<>();
        public RepeatCase open;
        public long timer = -1;

        public Ledger() {}
    }

    public RepeatComplaints(Registry registry) {
        this.registry = registry;
    }

    /** Keys complaints by the place they are about and their category. */
    public static KeySelector<ComplaintOutcome, String> byPlace(Registry registry) {
        return outcome -> placeOf(outcome.complaint, registry) + "|" + outcome.complaint.category;
    }

    static String placeOf(Complaint c, Registry registry) {
        if (c.building != null && !c.building.isEmpty()) {
            return c.building;
        }
        Building nearest = null;
        double best = registry.rules().complaints().repeatBuildingMetres();
        for (Building b : registry.buildings()) {
            double d = NearbyBuildings.metresBetween(c.lat, c.lon, b.lat(), b.lon());
            if (d <= best) {
                best = d;
                nearest = b;
            }
        }
        if (nearest != null) {
            return nearest.id();
        }
        return "cell:" + Math.round(c.lat / CELL_DEGREES) + ":" + Math.round(c.lon / CELL_DEGREES);
    }

    @Override
    public void open(OpenContext context) {
        ledger = getRuntimeContext().getState(new ValueStateDescriptor<>("repeat-ledger", Ledger.class));
    }

    @Override
    public void processElement(ComplaintOutcome outcome, Context ctx, Collector<RepeatCase> out) throws Exception {
        RuleSettings.Complaints settings = registry.rules().complaints();
        Ledger l = ledger.value() == null ? new Ledger() : ledger.value();
        long now = outcome.complaint.observedAt;
        l.recent.removeIf(o -> o.complaint.observedAt < now - settings.repeatWithinMillis());
        if (l.recent.stream().noneMatch(o -> o.complaint.id.equals(outcome.complaint.id))) {
            l.recent.add(outcome);
        }
        if (l.open == null && l.recent.size() >= settings.repeatCount()) {
            l.open = new RepeatCase();
            l.open.place = placeOf(outcome.complaint, registry);
            l.open.category = outcome.complaint.category;
            l.open.town = outcome.complaint.town;
            l.open.first = l.recent.stream().mapToLong(o -> o.complaint.observedAt).min().orElse(now);
            l.open.id = l.open.place + ":" + l.open.category + ":" + l.open.first;
            l.open.state = RepeatCase.OPEN;
            l.recent.forEach(o -> add(l.open, o));
            out.collect(copy(l.open));
        } else if (l.open != null && !l.open.complaints.contains(outcome.complaint.id)) {
            add(l.open, outcome);
            out.collect(copy(l.open));
        }
        long last = l.recent.stream().mapToLong(o -> o.complaint.observedAt).max().orElse(now);
        long due = last + settings.repeatWithinMillis();
        if (due != l.timer) {
            if (l.timer >= 0) {
                ctx.timerService().deleteEventTimeTimer(l.timer);
            }
            ctx.timerService().registerEventTimeTimer(due);
            l.timer = due;
        }
        ledger.update(l);
    }

    private static void add(RepeatCase c, ComplaintOutcome o) {
        c.complaints.add(o.complaint.id);
        c.count = c.complaints.size();
        c.last = Math.max(c.last, o.complaint.observedAt);
        if (ComplaintOutcome.CORROBORATED.equals(o.outcome)) {
            c.corroborated++;
        }
        for (ExceededInterval exceeded : o.exceededIntervals()) {
            String incident = exceeded.source().format();
            if (!c.incidents.contains(incident)) {
                c.incidents.add(incident);
            }
        }
        // Sorted, so that the stored case does not depend on the order its complaints came in.
        Collections.sort(c.complaints);
        Collections.sort(c.incidents);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RepeatCase> out) throws Exception {
        Ledger l = ledger.value();
        if (l == null || timestamp != l.timer || ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return; // the end of a bounded input is not a quiet month
        }
        if (l.open != null) {
            l.open.state = RepeatCase.CLOSED;
            out.collect(copy(l.open));
        }
        ledger.clear();
    }

    private static RepeatCase copy(RepeatCase c) {
        RepeatCase r = new RepeatCase();
        r.id = c.id;
        r.state = c.state;
        r.place = c.place;
        r.category = c.category;
        r.town = c.town;
        r.first = c.first;
        r.last = c.last;
        r.count = c.count;
        r.corroborated = c.corroborated;
        r.complaints = new ArrayList<>(c.complaints);
        r.incidents = new ArrayList<>(c.incidents);
        return r;
    }
}
