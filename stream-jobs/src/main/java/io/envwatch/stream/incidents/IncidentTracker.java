package io.envwatch.stream.incidents;

import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import io.envwatch.district.schema.BuildingInRange;
import io.envwatch.stream.residential.NearbyBuildings;
import java.util.ArrayList;
import java.util.Collections;
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
 * Turns a rule's verdicts into incidents, keyed by site and rule. An incident opens after the
 * rule's number of exceeded verdicts in a row, and ends only after the value has stayed recovered
 * (below the limit minus the rule's hysteresis) for the rule's clearing time; a signal flapping
 * around the limit is therefore one incident, not many. It emits the incident when it opens, when
 * its peak rises, and when it ends, never once per interval.
 *
 * <p>Complaints that the sensors corroborate join the incident (the second input) holding the
 * exceeded interval that corroborated them, and raise its severity. A run of exceedances too short
 * to open an incident becomes one when a complaint rests on it: an incident of exactly that run,
 * ending with the run unless the run goes on long enough to open by itself. So that a complaint
 * filed weeks later (within the complaint horizon) finds the same incident as one filed at once,
 * ended incidents and ended short runs are kept for the horizon, and a complaint is applied only
 * once event time has passed its evidence window, when every verdict it rests on has been seen.
 *
 * <p>State per key: one small record with bounded evidence for the current run or open incident
 * (a timer drops it a while, a day by default, after the last verdict, closing an incident whose
 * site fell silent; the no-data rule reports the silence), and the ended incidents and runs of the
 * horizon, each dropped by a timer when it leaves it.
 */
public class IncidentTracker extends KeyedCoProcessFunction<String, Judgement, ComplaintLink, Incident> {
    private static final long HOUR_MILLIS = 3_600_000L;

    private final Registry registry;
    private final NearbyBuildings nearby;
    private transient ValueState<TrackerState> state;
    /** Incidents that ended, by start, kept for complaints filed later. */
    private transient MapState<Long, Incident> ended;
    /** Runs of exceedances that ended too short to open an incident, as the incident a complaint would make of them. */
    private transient MapState<Long, Incident> unopened;

    private transient ValueState<Links> waitingLinks;

    /** Per key: the run of exceeded verdicts before opening, or the open incident. */
    public static class TrackerState {
        public String site;
        public String rule;
        public int consecutive;
        public long runStart;
        public List<String> runEvidence = new ArrayList<>();
        public double runPeak;
        /** The run's first verdict's limit and period: those of an incident a complaint makes of the run. */
        public double runLimit;

        public String runQuantity;
        public String runUnit;
        public String runPeriod;
        public Incident open;
        /** The open incident is a short run a complaint made an incident of: it ends with the run. */
        public boolean promoted;
        /** Start of the current recovered stretch while open, or -1. */
        public long recoveredSince = -1;

        public long lastSeen;
        public double lastValue;
        public long idleTimer = -1;

        public TrackerState() {}
    }

    /** Complaints waiting for event time to pass their evidence window. A Flink POJO. */
    public static class Links {
        public List<ComplaintLink> links = new ArrayList<>();

        public Links() {}
    }

    public IncidentTracker(Registry registry, NearbyBuildings nearby) {
        this.registry = registry;
        this.nearby = nearby;
    }

    @Override
    public void open(OpenContext context) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("incident-tracker", TrackerState.class));
        ended = getRuntimeContext()
                .getMapState(
                        new MapStateDescriptor<>("ended-incidents", Types.LONG, TypeInformation.of(Incident.class)));
        unopened = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("unopened-runs", Types.LONG, TypeInformation.of(Incident.class)));
        waitingLinks = getRuntimeContext().getState(new ValueStateDescriptor<>("waiting-complaints", Links.class));
    }

    @Override
    public void processElement1(Judgement j, Context ctx, Collector<Incident> out) throws Exception {
        TrackerState s = state.value();
        if (s == null) {
            if (!j.exceeded) {
                return; // compliant and nothing pending: keep no state at all
            }
            s = new TrackerState();
            s.site = j.site;
            s.rule = j.rule;
        }
        s.lastSeen = Math.max(s.lastSeen, j.end);
        s.lastValue = j.value;
        boolean goesOn;
        if (s.open == null) {
            goesOn = runOfExceedances(s, j, ctx, out);
        } else if (s.promoted) {
            goesOn = promotedRun(s, j, ctx, out);
        } else {
            goesOn = openIncident(s, j, ctx, out);
        }
        if (goesOn) {
            keepUntilIdle(s, ctx);
            state.update(s);
        }
    }

    /**
     * No incident yet: an exceedance extends the run and opens the incident once the run is long
     * enough; anything else ends the run, kept as the incident a complaint would make of it.
     *
     * @return false when the key's state was dropped
     */
    private boolean runOfExceedances(TrackerState s, Judgement j, Context ctx, Collector<Incident> out)
            throws Exception {
        if (!j.exceeded) {
            if (s.consecutive > 0) {
                remember(unopened, runAsIncident(s, Incident.CLOSED), ctx);
            }
            drop(ctx, s);
            return false;
        }
        extendRun(s, j);
        if (opensByItself(s, j)) {
            s.open = opened(j, s);
            out.collect(s.open.copy());
        }
        return true;
    }

    /**
     * A run a complaint made an incident of: it ends with the run, unless the run grows long
     * enough to open by itself, from when on it is an ordinary incident.
     */
    private boolean promotedRun(TrackerState s, Judgement j, Context ctx, Collector<Incident> out) throws Exception {
        Incident incident = s.open;
        incident.latest = j.value;
        incident.end = Math.max(incident.end, j.end);
        if (!j.exceeded) {
            end(incident, Incident.CLOSED, ctx, out);
            drop(ctx, s);
            return false;
        }
        s.consecutive++;
        addEvidence(incident.evidence, j);
        boolean rose = j.value > incident.peak;
        incident.peak = Math.max(incident.peak, j.value);
        if (opensByItself(s, j)) {
            // Long enough to open by itself: from here on an ordinary incident, as if opened now.
            s.promoted = false;
            s.consecutive = 0;
            incident.limit = j.limit;
            incident.period = j.period;
            incident.severity = severity(incident).name();
            out.collect(incident.copy());
        } else if (rose) {
            incident.severity = severity(incident).name();
            out.collect(incident.copy());
        }
        return true;
    }

    /**
     * An open incident: exceedances add evidence (and a new peak raises its severity); it ends
     * after the rule's recovery time below the recovery level. Values between the limit and that
     * level neither extend nor end the recovery.
     */
    private boolean openIncident(TrackerState s, Judgement j, Context ctx, Collector<Incident> out) throws Exception {
        Incident incident = s.open;
        incident.latest = j.value;
        incident.end = Math.max(incident.end, j.end);
        if (j.exceeded) {
            s.recoveredSince = -1;
            addEvidence(incident.evidence, j);
            if (j.value > incident.peak) {
                incident.peak = j.value;
                incident.severity = severity(incident).name();
                out.collect(incident.copy());
            }
        } else if (j.recovered) {
            if (s.recoveredSince < 0) {
                s.recoveredSince = j.start;
            }
            if (j.end - s.recoveredSince >= j.clearAfterMillis) {
                incident.end = j.end;
                end(incident, Incident.CLOSED, ctx, out);
                drop(ctx, s);
                return false;
            }
        } else {
            s.recoveredSince = -1; // between limit and recovery level: not yet recovering
        }
        return true;
    }

    /** One idle timer per key, moved with the latest verdict: a site that falls silent is let go. */
    private void keepUntilIdle(TrackerState s, Context ctx) throws Exception {
        long idle = s.lastSeen
                + registry.rules().incidents().dropIdleAfterDuration().toMillis();
        if (idle != s.idleTimer) {
            deleteTimer(ctx, s);
            ctx.timerService().registerEventTimeTimer(idle);
            s.idleTimer = idle;
        }
    }

    private static void extendRun(TrackerState s, Judgement j) {
        if (s.consecutive == 0) {
            s.runStart = j.start;
            s.runPeak = j.value;
            s.runLimit = j.limit;
            s.runQuantity = j.quantity;
            s.runUnit = j.unit;
            s.runPeriod = j.period;
            s.runEvidence.clear();
        }
        s.consecutive++;
        s.runPeak = Math.max(s.runPeak, j.value);
        addEvidence(s.runEvidence, j);
    }

    private static boolean opensByItself(TrackerState s, Judgement j) {
        return s.consecutive >= j.openAfter && j.end - s.runStart >= j.persistForMillis;
    }

    /** No run and no open incident left: the per-key record goes, the ended ones stay in their maps. */
    private void drop(Context ctx, TrackerState s) {
        deleteTimer(ctx, s);
        state.clear();
    }

    private void end(Incident incident, String how, Context ctx, Collector<Incident> out) throws Exception {
        incident.state = how;
        out.collect(incident.copy());
        remember(ended, incident, ctx);
    }

    private void remember(MapState<Long, Incident> map, Incident incident, Context ctx) throws Exception {
        map.put(incident.start, incident);
        // Rounded up to the hour, so that a site with many short runs does not hold a timer for each.
        long expiry = incident.end + registry.rules().complaints().keepEvidenceMillis();
        ctx.timerService().registerEventTimeTimer(Math.floorDiv(expiry + HOUR_MILLIS - 1, HOUR_MILLIS) * HOUR_MILLIS);
    }

    @Override
    public void processElement2(ComplaintLink link, Context ctx, Collector<Incident> out) throws Exception {
        if (ctx.timerService().currentWatermark() >= link.due) {
            join(link, out);
            return;
        }
        Links w = waitingLinks.value() == null ? new Links() : waitingLinks.value();
        w.links.add(link);
        waitingLinks.update(w);
        ctx.timerService().registerEventTimeTimer(link.due);
    }

    /** Joins the complaint to the incident, or the run, holding the interval that corroborated it. */
    private void join(ComplaintLink link, Collector<Incident> out) throws Exception {
        TrackerState s = state.value();
        if (s != null && s.open != null && holds(s.open, link.intervalStart)) {
            if (attach(s.open, link, out)) {
                state.update(s);
            }
            return;
        }
        for (Map.Entry<Long, Incident> e : ended.entries()) {
            if (holds(e.getValue(), link.intervalStart)) {
                if (attach(e.getValue(), link, out)) {
                    ended.put(e.getKey(), e.getValue());
                }
                return;
            }
        }
        if (s != null
                && s.open == null
                && s.consecutive > 0
                && s.runStart <= link.intervalStart
                && link.intervalStart < s.lastSeen) {
            // Exceeding, but not yet for long enough: a complaint about it is corroboration enough.
            s.open = runAsIncident(s, Incident.OPEN);
            s.promoted = true;
            attach(s.open, link, out);
            state.update(s);
            return;
        }
        for (Map.Entry<Long, Incident> e : unopened.entries()) {
            if (holds(e.getValue(), link.intervalStart)) {
                Incident incident = e.getValue();
                unopened.remove(e.getKey());
                attach(incident, link, out);
                ended.put(incident.start, incident);
                return;
            }
        }
        // Nothing holds it: the run left the horizon, or the verdicts changed (a replay with other rules).
    }

    private static boolean holds(Incident incident, long intervalStart) {
        return incident.start <= intervalStart && intervalStart < incident.end;
    }

    private boolean attach(Incident target, ComplaintLink link, Collector<Incident> out) {
        if (target.complaints.contains(link.complaintId)) {
            return false;
        }
        target.complaints.add(link.complaintId);
        Collections.sort(target.complaints); // the same list whatever order the complaints came in
        target.severity = severity(target).name();
        out.collect(target.copy());
        return true;
    }

    private Incident opened(Judgement j, TrackerState s) {
        Incident incident = incidentOfRun(s, j.end, j.value, j.limit, j.period);
        s.runEvidence.clear();
        s.consecutive = 0;
        return incident;
    }

    /** The incident a complaint makes of the current run: its first verdict's limit and period. */
    private Incident runAsIncident(TrackerState s, String how) {
        Incident incident = incidentOfRun(s, s.lastSeen, s.lastValue, s.runLimit, s.runPeriod);
        incident.state = how;
        return incident;
    }

    private Incident incidentOfRun(TrackerState s, long end, double latest, double limit, String period) {
        Incident incident = new Incident();
        Site site = registry.site(s.site).orElseThrow();
        incident.id = s.site + ":" + s.rule + ":" + s.runStart;
        incident.state = Incident.OPEN;
        incident.site = s.site;
        incident.town = site.town();
        incident.team = site.team();
        incident.rule = s.rule;
        incident.quantity = s.runQuantity;
        incident.unit = s.runUnit;
        incident.start = s.runStart;
        incident.end = end;
        incident.peak = s.runPeak;
        incident.latest = latest;
        incident.limit = limit;
        incident.period = period;
        incident.evidence = new ArrayList<>(s.runEvidence);
        for (NearbyBuildings.Nearby b : nearby.of(s.site)) {
            incident.buildings.add(new BuildingInRange(b.buildingId(), b.metres()).format());
        }
        incident.nearestBuildingMetres =
                nearby.of(s.site).isEmpty() ? -1 : nearby.of(s.site).get(0).metres();
        incident.severity = severity(incident).name();
        return incident;
    }

    /** Decibels are compared by difference, concentrations by ratio (rules.incidents in the defaults table). */
    private Severity severity(Incident incident) {
        var settings = registry.rules().incidents();
        boolean decibels = "dB(A)".equals(incident.unit);
        boolean largeMargin = decibels
                ? incident.peak - incident.limit >= settings.largeNoiseMargin()
                : incident.peak >= incident.limit * settings.largeConcentrationRatio();
        return Severity.of(
                !incident.buildings.isEmpty(),
                "night".equals(incident.period),
                largeMargin,
                !incident.complaints.isEmpty());
    }

    private static void addEvidence(List<String> evidence, Judgement j) {
        evidence.add(j.start + ":" + j.value);
        if (evidence.size() > Incident.MAX_EVIDENCE) {
            evidence.remove(0);
        }
    }

    private void deleteTimer(Context ctx, TrackerState s) {
        if (s.idleTimer >= 0) {
            ctx.timerService().deleteEventTimeTimer(s.idleTimer);
            s.idleTimer = -1;
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Incident> out) throws Exception {
        Links w = waitingLinks.value();
        if (w != null) {
            List<ComplaintLink> still = new ArrayList<>();
            for (ComplaintLink link : w.links) {
                if (link.due <= timestamp) {
                    join(link, out);
                } else {
                    still.add(link);
                }
            }
            if (still.isEmpty()) {
                waitingLinks.clear();
            } else {
                w.links = still;
                waitingLinks.update(w);
            }
        }
        TrackerState s = state.value();
        // When the input ended (a bounded replay), that is not a day of silence.
        if (s != null && timestamp == s.idleTimer && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            if (s.open != null) {
                end(s.open, Incident.CLOSED_NO_DATA, ctx, out);
            } else if (s.consecutive > 0) {
                remember(unopened, runAsIncident(s, Incident.CLOSED_NO_DATA), ctx);
            }
            state.clear();
        }
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            // Nor is it the horizon passing: a complaint's link still on its way (through its
            // outcome, a longer path than the verdicts') joins what the site kept.
            return;
        }
        long keptSince = timestamp - registry.rules().complaints().keepEvidenceMillis();
        forget(ended, keptSince);
        forget(unopened, keptSince);
    }

    private static void forget(MapState<Long, Incident> map, long keptSince) throws Exception {
        for (Iterator<Incident> it = map.values().iterator(); it.hasNext(); ) {
            if (it.next().end <= keptSince) {
                it.remove();
            }
        }
        if (map.isEmpty()) {
            map.clear(); // an emptied map is still an entry of the heap backend until cleared
        }
    }
}
