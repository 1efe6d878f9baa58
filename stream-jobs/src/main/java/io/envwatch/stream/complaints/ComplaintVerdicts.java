package io.envwatch.stream.complaints;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.schema.SiteRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Gathers every in-range site's evidence about a complaint, keyed by complaint, and gives the
 * complaint its outcome once all have spoken: corroborated if any site exceeded, contradicted if
 * sites reported and all were compliant, otherwise not corroborated (the sensors were silent).
 */
public class ComplaintVerdicts extends KeyedCoProcessFunction<String, Complaint, SiteEvidence, ComplaintOutcome> {
    private transient ValueState<Complaint> complaint;
    private transient ValueState<Gathered> gathered;

    /** A Flink POJO. */
    public static class Gathered {
        public List<SiteEvidence> evidence = new ArrayList<>();

        public Gathered() {}
    }

    @Override
    public void open(OpenContext context) {
        complaint = getRuntimeContext().getState(new ValueStateDescriptor<>("complaint", Complaint.class));
        gathered = getRuntimeContext().getState(new ValueStateDescriptor<>("evidence", Gathered.class));
    }

    @Override
    public void processElement1(Complaint c, Context ctx, Collector<ComplaintOutcome> out) throws Exception {
        complaint.update(c);
        tryDecide(out);
    }

    @Override
    public void processElement2(SiteEvidence e, Context ctx, Collector<ComplaintOutcome> out) throws Exception {
        Gathered g = gathered.value() == null ? new Gathered() : gathered.value();
        g.evidence.add(e);
        gathered.update(g);
        tryDecide(out);
    }

    private void tryDecide(Collector<ComplaintOutcome> out) throws Exception {
        Complaint c = complaint.value();
        Gathered g = gathered.value();
        if (c == null || g == null || g.evidence.size() < g.evidence.get(0).candidates) {
            return;
        }
        List<SiteEvidence> evidence = new ArrayList<>(g.evidence);
        // Strongest first, and sites in a fixed order on a tie: the stored text does not depend on
        // which site's evidence came in first.
        evidence.sort(Comparator.comparingDouble((SiteEvidence e) -> e.limit == 0 ? 0 : e.value / e.limit)
                .reversed()
                .thenComparing(e -> e.site));
        List<SiteEvidence> exceeded = evidence.stream()
                .filter(e -> SiteEvidence.EXCEEDED.equals(e.finding))
                .toList();
        List<SiteEvidence> compliant = evidence.stream()
                .filter(e -> SiteEvidence.COMPLIANT.equals(e.finding))
                .toList();
        ComplaintOutcome o;
        if (!exceeded.isEmpty()) {
            o = ComplaintOutcome.of(
                    c,
                    ComplaintOutcome.CORROBORATED,
                    exceeded.size() + " of " + evidence.size() + " sensors in range exceeded their limit");
            exceeded.forEach(e -> o.exceeded.add(new ExceededInterval(new SiteRule(e.site, e.rule), e.at).format()));
        } else if (!compliant.isEmpty()) {
            o = ComplaintOutcome.of(
                    c,
                    ComplaintOutcome.CONTRADICTED,
                    compliant.size() + " sensors in range reported "
                            + compliant.stream().mapToInt(e -> e.intervals).sum() + " compliant intervals throughout");
        } else {
            o = ComplaintOutcome.of(
                    c,
                    ComplaintOutcome.NOT_CORROBORATED,
                    "the " + evidence.size() + " sensors in range reported nothing in the window");
        }
        evidence.forEach(e -> o.evidence.add(e.describe()));
        out.collect(o);
        complaint.clear();
        gathered.clear();
    }
}
