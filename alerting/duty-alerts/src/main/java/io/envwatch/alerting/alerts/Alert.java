package io.envwatch.alerting.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One duty alert, rebuilt from its events: one per incident (the first incident's id), with the
 * incidents it absorbed when the same site exceeded again. Not thread-safe: only the
 * {@link AlertLedger}'s thread changes it.
 */
public final class Alert {
    private final String id;
    private AlertState state;
    private String severity;
    private int escalations;
    private IncidentSnapshot incident;
    /** The last signature applied per incident id, so a restart does not repeat an update. */
    private final Map<String, String> signatures = new TreeMap<>();

    private final Set<String> incidents = new LinkedHashSet<>();
    private long openedAt;
    private long acknowledgedAt;
    private String acknowledgedBy;
    private long dispatchedAt;
    private String dispatchNote;
    private long onSceneAt;
    private long closedAt;
    private String closedBy;
    private String resolutionCode;
    private String resolutionNote;
    private int reopenCount;
    /** The town duty room answerable now, or null for the city duty room. */
    private String room;
    /** When the city duty room took the alert over from a town's, or 0. */
    private long handedOverAt;
    /** Breaches since the alert last (re)opened, as deadline@room: each escalates at most once. */
    private final Set<String> breaches = new LinkedHashSet<>();

    private final List<String> allBreaches = new ArrayList<>();
    private final List<AlertEvent> history = new ArrayList<>();

    Alert(String id) {
        this.id = id;
    }

    /** Folds one event in; events come in time order. */
    void apply(AlertEvent e) {
        history.add(e);
        state = e.state();
        severity = e.severity();
        if (e.incident() != null) {
            incident = e.incident();
            incidents.add(e.incident().id());
            signatures.put(e.incident().id(), e.incident().signature());
        }
        long at = e.timeMs();
        String roomBefore = room;
        room = e.room();
        switch (e.action()) {
            case OPENED -> openedAt = at;
            case REOPENED -> {
                openedAt = at;
                handedOverAt = 0;
                reopenCount++;
                breaches.clear();
                escalations = 0;
                acknowledgedAt = dispatchedAt = onSceneAt = closedAt = 0;
                acknowledgedBy = dispatchNote = closedBy = resolutionCode = resolutionNote = null;
            }
            case ACKNOWLEDGED -> {
                acknowledgedAt = at;
                acknowledgedBy = e.actor();
            }
            case DISPATCHED -> {
                dispatchedAt = at;
                dispatchNote = e.note();
            }
            case ON_SCENE -> onSceneAt = at;
            case RESOLVED, AUTO_RESOLVED -> {
                closedAt = at;
                closedBy = e.actor();
                resolutionCode = e.code();
                resolutionNote = e.note();
            }
            case HANDED_OVER, ESCALATED -> {
                if (e.action() == AlertAction.HANDED_OVER) {
                    handedOverAt = at;
                }
                escalations++;
                breaches.add(e.breach() + "@" + roomName(roomBefore));
                allBreaches.add(e.breach());
            }
            case UPDATED, INCIDENT_CLEARED -> {}
        }
    }

    /**
     * The deadline this alert is working against now, if any, given the answerable room's time to
     * acknowledge: counted from the opening, or from the city's taking it over.
     */
    Optional<Deadline> deadline(Duration acknowledgeWithin, Duration onSceneWithin) {
        if (state.awaitsAcknowledgement()) {
            long from = handedOverAt > 0 ? handedOverAt : openedAt;
            return Optional.of(new Deadline(Deadline.ACKNOWLEDGE, from + acknowledgeWithin.toMillis()));
        }
        if (state.awaitsArrival()) {
            return Optional.of(new Deadline(Deadline.ON_SCENE, acknowledgedAt + onSceneWithin.toMillis()));
        }
        return Optional.empty();
    }

    /** The deadline that has passed at {@code now} and not escalated yet, if any. */
    Optional<Deadline> breachedAt(long now, Duration acknowledgeWithin, Duration onSceneWithin) {
        return deadline(acknowledgeWithin, onSceneWithin)
                .filter(d -> now > d.at() && !breaches.contains(d.name() + "@" + roomName(room)));
    }

    /** Whether the job's incident has changed since this alert last heard of it. */
    boolean changedBy(IncidentSnapshot snapshot) {
        return !snapshot.signature().equals(signatures.get(snapshot.id()));
    }

    /** A deadline: which one and when, epoch ms. */
    public record Deadline(String name, long at) {
        public static final String ACKNOWLEDGE = "acknowledge";
        public static final String ON_SCENE = "on-scene";
    }

    private static String roomName(String room) {
        return room == null ? TownRoom.CITY : room;
    }

    /** The town duty room answerable now, or null when it is the city duty room's. */
    public String room() {
        return room;
    }

    public String id() {
        return id;
    }

    public AlertState state() {
        return state;
    }

    public String severity() {
        return severity;
    }

    public int escalations() {
        return escalations;
    }

    /** The latest incident snapshot: site, kind, values, evidence. */
    public IncidentSnapshot incident() {
        return incident;
    }

    public Set<String> incidents() {
        return incidents;
    }

    public long openedAt() {
        return openedAt;
    }

    public long acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public long dispatchedAt() {
        return dispatchedAt;
    }

    public String dispatchNote() {
        return dispatchNote;
    }

    public long onSceneAt() {
        return onSceneAt;
    }

    public long closedAt() {
        return closedAt;
    }

    public String closedBy() {
        return closedBy;
    }

    public String resolutionCode() {
        return resolutionCode;
    }

    public String resolutionNote() {
        return resolutionNote;
    }

    public int reopenCount() {
        return reopenCount;
    }

    /** Every deadline ever missed, in order, including those before a reopening. */
    public List<String> breaches() {
        return allBreaches;
    }

    public List<AlertEvent> history() {
        return history;
    }
}
