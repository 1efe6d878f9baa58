package io.envwatch.stream.complaints;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.limits.RuleSettings;
import io.envwatch.district.registry.Building;
import io.envwatch.district.registry.LocalPlane;
import io.envwatch.district.registry.Registry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The repeat-complaint ledger, keyed by place and category: a place is the building named or
 * nearest (within 100 m by default), else a grid cell of about 200 m.
 *
 * <p>Cases are a function of the complaints' observed times alone, recomputed from the place's
 * complaints whenever one comes in, however late: complaints form a chain while each follows the
 * one before within the period (30 days); in a chain, the first complaint that has the count (3)
 * within the period before it, itself included, opens a case holding those and every later
 * complaint of the chain; the case closes once event time is a whole period past its last
 * complaint, or the chain breaks. A complaint filed late can make a case start earlier or join two
 * chains: the case told before under another id is then told once more as {@code merged} into the
 * one that holds its complaints, so nothing the duty room saw disappears without a word.
 *
 * <p>State: the place's complaints as long as a complaint filed within the horizon could still
 * change a case made of them (a chain is dropped when event time is a period plus the horizon past
 * its last complaint), and the cases as last told.
 */
public class RepeatComplaints extends KeyedProcessFunction<String, ComplaintOutcome, RepeatCase> {
    private static final double CELL_DEGREES = 0.002;

    private final Registry registry;
    private transient ValueState<Ledger> ledger;

    /** A complaint as far as its place's cases need it. A Flink POJO. */
    public static class Member {
        public String id;
        public long at;
        public boolean corroborated;
        public String town;
        /** Incidents ("site|rule") that corroborated it. */
        public List<String> incidents = new ArrayList<>();

        public Member() {}

        static Member of(ComplaintOutcome o) {
            Member m = new Member();
            m.id = o.complaint.id;
            m.at = o.complaint.observedAt;
            m.corroborated = ComplaintOutcome.CORROBORATED.equals(o.outcome);
            m.town = o.complaint.town;
            for (ExceededInterval exceeded : o.exceededIntervals()) {
                m.incidents.add(exceeded.source().format());
            }
            return m;
        }
    }

    /** A Flink POJO. */
    public static class Ledger {
        /** In observed order (then by id). */
        public List<Member> members = new ArrayList<>();
        /** The cases as last told, by id. */
        public Map<String, RepeatCase> told = new HashMap<>();

        public Ledger() {}
    }

    private static final Comparator<Member> OBSERVED =
            Comparator.<Member>comparingLong(m -> m.at).thenComparing(m -> m.id);

    public RepeatComplaints(Registry registry) {
        this.registry = registry;
    }

    /** Keys complaints by the place they are about and their category. */
    public static KeySelector<ComplaintOutcome, String> byPlace(Registry registry) {
        // Only the buildings and the distance are captured: a key selector is copied into every
        // sender's record writer, and a city's registry of sites would be copied with it.
        List<Building> buildings = List.copyOf(registry.buildings());
        double metres = registry.rules().complaints().repeatBuildingMetres();
        return outcome -> placeOf(outcome.complaint, buildings, metres) + "|" + outcome.complaint.category;
    }

    static String placeOf(Complaint c, Registry registry) {
        return placeOf(c, registry.buildings(), registry.rules().complaints().repeatBuildingMetres());
    }

    private static String placeOf(Complaint c, List<Building> buildings, double withinMetres) {
        if (c.building != null && !c.building.isEmpty()) {
            return c.building;
        }
        Building nearest = null;
        double best = withinMetres;
        for (Building b : buildings) {
            double d = LocalPlane.metres(c.lat, c.lon, b.lat(), b.lon());
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
        Ledger l = ledger.value() == null ? new Ledger() : ledger.value();
        if (l.members.stream().anyMatch(m -> m.id.equals(outcome.complaint.id))) {
            return; // an outcome told again (a replay) changes nothing
        }
        Member member = Member.of(outcome);
        int at = Collections.binarySearch(l.members, member, OBSERVED);
        l.members.add(at < 0 ? -at - 1 : at, member);
        settle(l, ctx.getCurrentKey(), ctx.timerService(), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RepeatCase> out) throws Exception {
        Ledger l = ledger.value();
        if (l != null) {
            settle(l, ctx.getCurrentKey(), ctx.timerService(), out);
        }
    }

    /** Recomputes the place's cases, tells what changed, forgets what nothing can change, and sets the next timer. */
    private void settle(Ledger l, String key, TimerService time, Collector<RepeatCase> out) throws Exception {
        RuleSettings.Complaints settings = registry.rules().complaints();
        long period = settings.repeatWithinMillis();
        long watermark = time.currentWatermark();
        // The end of a bounded input is not a quiet period.
        long now = watermark == Long.MAX_VALUE ? Long.MIN_VALUE : watermark;
        List<List<Member>> chains = chains(l.members, period);
        Map<String, RepeatCase> cases = new LinkedHashMap<>();
        for (int i = 0; i < chains.size(); i++) {
            RepeatCase c = caseOf(chains.get(i), key, settings);
            if (c != null) {
                c.state = i < chains.size() - 1 || now > c.last + period ? RepeatCase.CLOSED : RepeatCase.OPEN;
                cases.put(c.id, c);
            }
        }
        for (RepeatCase before : l.told.values()) {
            if (!cases.containsKey(before.id)) {
                before.state = RepeatCase.MERGED;
                before.mergedInto = cases.values().stream()
                        .filter(c -> c.complaints.contains(before.complaints.get(0)))
                        .map(c -> c.id)
                        .findFirst()
                        .orElse("");
                out.collect(copy(before));
            }
        }
        for (RepeatCase c : cases.values()) {
            if (!describe(c).equals(l.told.containsKey(c.id) ? describe(l.told.get(c.id)) : null)) {
                out.collect(copy(c));
            }
        }
        l.told = cases;

        long forgetBefore = now == Long.MIN_VALUE ? Long.MIN_VALUE : now - period - settings.horizonMillis();
        long next = Long.MAX_VALUE;
        for (List<Member> chain : chains) {
            long last = chain.get(chain.size() - 1).at;
            if (last < forgetBefore) {
                l.members.removeAll(chain);
                l.told.values().removeIf(c -> c.last == last);
            } else {
                next = Math.min(next, last + period + (now > last + period ? settings.horizonMillis() : 0) + 1);
            }
        }
        if (l.members.isEmpty()) {
            ledger.clear();
        } else {
            ledger.update(l);
            if (watermark != Long.MAX_VALUE) { // past the end, a timer would fire at once, and again
                time.registerEventTimeTimer(next);
            }
        }
    }

    /** Runs of complaints each within the period of the one before. */
    private static List<List<Member>> chains(List<Member> members, long period) {
        List<List<Member>> chains = new ArrayList<>();
        List<Member> chain = null;
        for (Member m : members) {
            if (chain == null || m.at - chain.get(chain.size() - 1).at > period) {
                chain = new ArrayList<>();
                chains.add(chain);
            }
            chain.add(m);
        }
        return chains;
    }

    /** The chain's case: from the first complaint with the count within the period before it; or null. */
    private static RepeatCase caseOf(List<Member> chain, String key, RuleSettings.Complaints settings) {
        ArrayDeque<Member> window = new ArrayDeque<>();
        RepeatCase c = null;
        for (Member m : chain) {
            if (c != null) {
                add(c, m);
                continue;
            }
            window.addLast(m);
            while (window.peekFirst().at < m.at - settings.repeatWithinMillis()) {
                window.removeFirst();
            }
            if (window.size() >= settings.repeatCount()) {
                Member first = window.peekFirst();
                int bar = key.lastIndexOf('|');
                c = new RepeatCase();
                c.place = key.substring(0, bar);
                c.category = key.substring(bar + 1);
                c.town = first.town;
                c.first = first.at;
                c.id = c.place + ":" + c.category + ":" + c.first;
                for (Member w : window) {
                    add(c, w);
                }
            }
        }
        return c;
    }

    private static void add(RepeatCase c, Member m) {
        c.complaints.add(m.id);
        c.count = c.complaints.size();
        c.last = Math.max(c.last, m.at);
        if (m.corroborated) {
            c.corroborated++;
        }
        for (String incident : m.incidents) {
            if (!c.incidents.contains(incident)) {
                c.incidents.add(incident);
            }
        }
        // Sorted, so that the stored case does not depend on the order its complaints came in.
        Collections.sort(c.complaints);
        Collections.sort(c.incidents);
    }

    /** What is stored of a case, to tell it only when it changed. */
    private static String describe(RepeatCase c) {
        return c.state + " " + c.town + " " + c.last + " " + c.count + " " + c.corroborated + " " + c.complaints + " "
                + c.incidents;
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
        r.mergedInto = c.mergedInto;
        return r;
    }
}
