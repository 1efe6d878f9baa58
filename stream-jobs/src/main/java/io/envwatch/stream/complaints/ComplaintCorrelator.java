package io.envwatch.stream.complaints;

import io.envwatch.ingest.limits.RuleSettings;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.stream.incidents.Judgement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins complaints with one site's verdicts in event time, keyed by site. Each complaint waits
 * until the site's event time has passed the end of its evidence window (observed time minus 2 h
 * to plus 30 min by default), then the site's verdicts of the complaint's kind in that window
 * decide: any exceeded interval, or all compliant, or none at all. The site keeps the verdicts of
 * the last window's length, pruned on arrival, and its waiting complaints; timers decide them.
 */
public class ComplaintCorrelator extends KeyedCoProcessFunction<String, ComplaintAtSite, Judgement, SiteEvidence> {
    private final Registry registry;
    private transient ValueState<Recent> recent;
    private transient ValueState<Waiting> waiting;

    /** The site's recent verdicts, oldest first. A Flink POJO. */
    public static class Recent {
        public List<Judgement> verdicts = new ArrayList<>();

        public Recent() {}
    }

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
        recent = getRuntimeContext().getState(new ValueStateDescriptor<>("recent-verdicts", Recent.class));
        waiting = getRuntimeContext().getState(new ValueStateDescriptor<>("waiting-complaints", Waiting.class));
    }

    /** The verdicts that can speak for a complaint of this category. */
    static boolean relevant(String category, String rule) {
        return switch (category) {
            case "noise" -> rule.startsWith("noise-laeq");
            case "odour" -> rule.startsWith("odour-");
            case "water" -> rule.equals("tp-mean") || rule.equals("tp-spike");
            default -> false;
        };
    }

    static boolean relevantToAnyCategory(String rule) {
        return relevant("noise", rule) || relevant("odour", rule) || relevant("water", rule);
    }

    @Override
    public void processElement1(ComplaintAtSite pair, Context ctx, Collector<SiteEvidence> out) throws Exception {
        long due = pair.complaint.observedAt + settings().afterMillis();
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
        if (!relevantToAnyCategory(verdict.rule)) {
            return; // e.g. a river sample's budget and daily verdicts: kept, they would fill the state for nothing
        }
        Recent r = recent.value() == null ? new Recent() : recent.value();
        long keepFrom = verdict.end - settings().beforeMillis() - settings().afterMillis();
        r.verdicts.removeIf(j -> j.end < keepFrom);
        r.verdicts.add(verdict);
        recent.update(r);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SiteEvidence> out) throws Exception {
        Waiting w = waiting.value();
        if (w == null) {
            return;
        }
        List<ComplaintAtSite> still = new ArrayList<>();
        for (ComplaintAtSite pair : w.complaints) {
            if (pair.complaint.observedAt + settings().afterMillis() <= timestamp) {
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

    private SiteEvidence decide(ComplaintAtSite pair) throws Exception {
        long from = pair.complaint.observedAt - settings().beforeMillis();
        long to = pair.complaint.observedAt + settings().afterMillis();
        SiteEvidence e = new SiteEvidence();
        e.complaintId = pair.complaint.id;
        e.site = pair.site;
        e.metres = Math.round(pair.metres * 10) / 10.0;
        e.candidates = pair.candidates;
        e.finding = SiteEvidence.NO_DATA;
        Judgement worst = null;
        Recent r = recent.value();
        for (Judgement j : r == null ? List.<Judgement>of() : r.verdicts) {
            if (j.end > from && j.start < to && relevant(pair.complaint.category, j.rule)) {
                e.intervals++;
                if (worst == null || j.value / j.limit > worst.value / worst.limit) {
                    worst = j;
                }
            }
        }
        if (worst != null) {
            e.finding = worst.exceeded ? SiteEvidence.EXCEEDED : SiteEvidence.COMPLIANT;
            e.rule = worst.rule;
            e.quantity = worst.quantity;
            e.value = worst.value;
            e.limit = worst.limit;
            e.at = worst.start;
        }
        return e;
    }

    private RuleSettings.Complaints settings() {
        return registry.rules().complaints();
    }
}
