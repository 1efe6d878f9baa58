package io.envwatch.stream.incidents;

import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.Site;
import io.envwatch.stream.residential.NearbyBuildings;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a rule's verdicts into incidents, keyed by site and rule. An incident opens after the
 * rule's number of exceeded verdicts in a row, and ends only after the value has stayed recovered
 * (below the limit minus the rule's hysteresis) for the rule's clearing time; a signal flapping
 * around the limit is therefore one incident, not many. It emits the incident when it opens, when
 * its peak rises, and when it ends, never once per interval.
 *
 * <p>Complaints that the sensors corroborate join the incident (the second input): an open one is
 * updated and its severity raised, a run of exceedances not yet long enough opens at once, and an
 * incident that ended is kept for the complaint evidence window so late complaints still reach it.
 *
 * <p>State per key is one small record with bounded evidence; a timer drops it a while (a day by
 * default) after the last verdict, closing an incident whose site fell silent (the no-data rule
 * reports the silence).
 */
public class IncidentTracker extends KeyedCoProcessFunction<String, Judgement, ComplaintLink, Incident> {
    private final Registry registry;
    private final NearbyBuildings nearby;
    private transient ValueState<TrackerState> state;

    /** Per key: the run of exceeded verdicts before opening, or the open incident. */
    public static class TrackerState {
        public int consecutive;
        public long runStart;
        public List<String> runEvidence = new ArrayList<>();
        public double runPeak;
        public double runLimit;
        public String runQuantity;
        public String runUnit;
        public String runPeriod;
        public Incident open;
        /** Start of the current recovered stretch while open, or -1. */
        public long recoveredSince = -1;
        public long lastSeen;
        public long idleTimer = -1;
        /** The last incident that ended, kept until {@link #keepClosedUntil} for late complaints. */
        public Incident closed;
        public long keepClosedUntil = -1;

        public TrackerState() {}
    }

    public IncidentTracker(Registry registry, NearbyBuildings nearby) {
        this.registry = registry;
        this.nearby = nearby;
    }

    @Override
    public void open(OpenContext context) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("incident-tracker", TrackerState.class));
    }

    @Override
    public void processElement1(Judgement j, Context ctx, Collector<Incident> out) throws Exception {
        TrackerState s = state.value();
        if (s == null) {
            if (!j.exceeded) {
                return; // compliant and nothing pending: keep no state at all
            }
            s = new TrackerState();
        }
        s.lastSeen = Math.max(s.lastSeen, j.end);
        if (s.open == null) {
            if (j.exceeded) {
                if (s.consecutive == 0) {
                    s.runStart = j.start;
                    s.runPeak = j.value;
                    s.runEvidence.clear();
                }
                s.consecutive++;
                s.runPeak = Math.max(s.runPeak, j.value);
                s.runLimit = j.limit;
                s.runQuantity = j.quantity;
                s.runUnit = j.unit;
                s.runPeriod = j.period;
                addEvidence(s.runEvidence, j);
                if (s.consecutive >= j.openAfter && j.end - s.runStart >= j.persistForMillis) {
                    s.open = opened(j, s);
                    out.collect(s.open.copy());
                }
            } else {
                s.consecutive = 0;
                s.runEvidence.clear();
                if (s.closed == null) {
                    state.clear();
                    deleteTimer(ctx, s);
                    return;
                }
            }
        } else {
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
                    incident.state = Incident.CLOSED;
                    incident.end = j.end;
                    out.collect(incident.copy());
                    s.closed = incident;
                    s.open = null;
                    s.recoveredSince = -1;
                    s.keepClosedUntil = j.end + registry.rules().complaints().beforeMillis()
                            + registry.rules().complaints().afterMillis();
                    ctx.timerService().registerEventTimeTimer(s.keepClosedUntil);
                    state.update(s);
                    return;
                }
            } else {
                s.recoveredSince = -1; // between limit and recovery level: not yet recovering
            }
        }
        long idle = s.lastSeen + registry.rules().incidents().dropIdleAfterDuration().toMillis();
        if (idle != s.idleTimer) {
            deleteTimer(ctx, s);
            ctx.timerService().registerEventTimeTimer(idle);
            s.idleTimer = idle;
        }
        state.update(s);
    }

    @Override
    public void processElement2(ComplaintLink link, Context ctx, Collector<Incident> out) throws Exception {
        TrackerState s = state.value();
        if (s == null) {
            return; // nothing of this site and rule to attach the complaint to
        }
        Incident target = s.open;
        if (target == null && s.closed != null && link.observedAt <= s.closed.end + registry.rules().complaints().beforeMillis()) {
            target = s.closed;
        }
        if (target == null && s.consecutive > 0) {
            // Exceeding, but not yet for long enough: a complaint about it is corroboration enough.
            Judgement latest = new Judgement();
            latest.site = link.site;
            latest.rule = link.rule;
            latest.end = s.lastSeen;
            latest.value = s.runPeak;
            latest.limit = s.runLimit;
            latest.quantity = s.runQuantity;
            latest.unit = s.runUnit;
            latest.period = s.runPeriod;
            s.open = opened(latest, s);
            target = s.open;
        }
        if (target == null || target.complaints.contains(link.complaintId)) {
            return;
        }
        target.complaints.add(link.complaintId);
        target.severity = severity(target).name();
        out.collect(target.copy());
        state.update(s);
    }

    private Incident opened(Judgement j, TrackerState s) {
        Site site = registry.site(j.site).orElseThrow();
        Incident incident = new Incident();
        incident.id = j.site + ":" + j.rule + ":" + s.runStart;
        incident.state = Incident.OPEN;
        incident.site = j.site;
        incident.town = site.town();
        incident.team = site.team();
        incident.rule = j.rule;
        incident.quantity = j.quantity;
        incident.unit = j.unit;
        incident.start = s.runStart;
        incident.end = j.end;
        incident.peak = s.runPeak;
        incident.latest = j.value;
        incident.limit = j.limit;
        incident.period = j.period;
        incident.evidence = new ArrayList<>(s.runEvidence);
        for (NearbyBuildings.Nearby b : nearby.of(j.site)) {
            incident.buildings.add(b.buildingId() + "@" + b.metres());
        }
        incident.nearestBuildingMetres = nearby.of(j.site).isEmpty() ? -1 : nearby.of(j.site).get(0).metres();
        incident.severity = severity(incident).name();
        s.runEvidence.clear();
        s.consecutive = 0;
        return incident;
    }

    /** Decibels are compared by difference, concentrations by ratio (rules.incidents in the defaults table). */
    private Severity severity(Incident incident) {
        var settings = registry.rules().incidents();
        boolean decibels = "dB(A)".equals(incident.unit);
        boolean largeMargin = decibels ? incident.peak - incident.limit >= settings.largeNoiseMargin()
                : incident.peak >= incident.limit * settings.largeConcentrationRatio();
        return Severity.of(!incident.buildings.isEmpty(), "night".equals(incident.period), largeMargin,
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
        TrackerState s = state.value();
        if (s == null) {
            return;
        }
        if (timestamp == s.keepClosedUntil) {
            s.closed = null;
            s.keepClosedUntil = -1;
            if (s.open == null && s.consecutive == 0) {
                deleteTimer(ctx, s);
                state.clear();
            } else {
                state.update(s);
            }
            return;
        }
        if (timestamp != s.idleTimer) {
            return;
        }
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return; // the input ended (a bounded replay): that is not a day of silence
        }
        if (s.open != null) {
            s.open.state = Incident.CLOSED_NO_DATA;
            out.collect(s.open.copy());
        }
        state.clear();
    }
}
