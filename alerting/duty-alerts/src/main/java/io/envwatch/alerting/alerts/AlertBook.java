package io.envwatch.alerting.alerts;

import io.envwatch.alerting.events.Refused;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.district.language.Phrase;
import io.envwatch.district.language.Voice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every alert, as the fold of the stored events, and the rules that turn incidents, deadlines and
 * people's commands into new events. Deciding never changes anything: it returns draft events
 * (time 0) that the {@link AlertLedger} stores and only then {@link #apply}s. Reads may come from
 * any thread, so the methods are synchronised; all writes come from the ledger's one thread.
 */
public final class AlertBook {
    private final Map<String, Alert> alerts = new LinkedHashMap<>();
    private final Map<String, String> alertOfIncident = new LinkedHashMap<>();
    private final Duration acknowledgeWithin;
    private final Duration onSceneWithin;
    private final Duration reopenWithin;

    private final Voice voice;
    private final Map<String, TownRoom> roomOfTown = new LinkedHashMap<>();
    private final Map<String, TownRoom> rooms = new LinkedHashMap<>();

    /** One duty level: the city duty room takes every alert. */
    public AlertBook(Duration acknowledgeWithin, Duration onSceneWithin, Duration reopenWithin, Voice voice) {
        this(acknowledgeWithin, onSceneWithin, reopenWithin, voice, List.of());
    }

    /**
     * @param acknowledgeWithin the city duty room's time to acknowledge
     * @param voice the district's: escalation notes are in its language, their times its wall clock
     * @param townRooms the towns' duty rooms, which take their towns' alerts before the city's
     */
    public AlertBook(
            Duration acknowledgeWithin,
            Duration onSceneWithin,
            Duration reopenWithin,
            Voice voice,
            List<TownRoom> townRooms) {
        this.acknowledgeWithin = acknowledgeWithin;
        this.onSceneWithin = onSceneWithin;
        this.reopenWithin = reopenWithin;
        this.voice = voice;
        for (TownRoom r : townRooms) {
            rooms.put(r.id(), r);
            r.towns().forEach(t -> roomOfTown.put(t, r));
        }
    }

    /** The room that takes a town's alerts first: its town room's id, or null for the city's. */
    private String roomFor(String town) {
        TownRoom r = roomOfTown.get(town);
        return r == null ? null : r.id();
    }

    /** The deadline an alert works against now, with its answerable room's time to acknowledge. */
    public synchronized Optional<Alert.Deadline> deadlineOf(Alert a) {
        TownRoom r = a.room() == null ? null : rooms.get(a.room());
        return r == null
                ? a.deadline(acknowledgeWithin, onSceneWithin)
                : a.deadline(r.acknowledgeWithin(), r.onSceneWithin());
    }

    public synchronized void apply(AlertEvent e) {
        Alert alert = alerts.computeIfAbsent(e.alertId(), Alert::new);
        alert.apply(e);
        if (e.incident() != null) {
            alertOfIncident.put(e.incident().id(), e.alertId());
        }
    }

    /** The events one incident snapshot from the job calls for: none when nothing changed. */
    public synchronized List<AlertEvent> onIncident(IncidentSnapshot s, long now) {
        String known = alertOfIncident.get(s.id());
        if (known != null) {
            Alert alert = alerts.get(known);
            return alert.changedBy(s) ? List.of(change(alert, s)) : List.of();
        }
        Optional<Alert> working = latest(a -> sameSource(a, s) && !a.state().isClosed());
        if (working.isPresent()) {
            return List.of(change(working.get(), s));
        }
        Optional<Alert> recent =
                latest(a -> sameSource(a, s) && a.state().isClosed() && now - a.closedAt() <= reopenWithin.toMillis());
        String room = roomFor(s.town());
        AlertEvent first = recent.map(
                        a -> system(a.id(), AlertAction.REOPENED, AlertState.REOPENED, s.severity(), s, room))
                .orElseGet(() -> system(s.id(), AlertAction.OPENED, AlertState.OPEN, s.severity(), s, room));
        if (s.open()) {
            return List.of(first);
        }
        // It came and went between two looks: record it, and that it ended unattended.
        return List.of(
                first,
                system(first.alertId(), AlertAction.AUTO_RESOLVED, AlertState.AUTO_RESOLVED, s.severity(), s, room));
    }

    private AlertEvent change(Alert alert, IncidentSnapshot s) {
        String severity = Severities.raise(s.severity(), alert.escalations());
        if (!s.open() && alert.state().awaitsAcknowledgement()) {
            return system(alert.id(), AlertAction.AUTO_RESOLVED, AlertState.AUTO_RESOLVED, severity, s, alert.room());
        }
        boolean ended =
                !s.open() && alert.incident() != null && alert.incident().open();
        return system(
                alert.id(),
                ended ? AlertAction.INCIDENT_CLEARED : AlertAction.UPDATED,
                alert.state(),
                severity,
                s,
                alert.room());
    }

    private static boolean sameSource(Alert a, IncidentSnapshot s) {
        return a.incident() != null
                && a.incident().site().equals(s.site())
                && a.incident().kind().equals(s.kind());
    }

    private Optional<Alert> latest(Predicate<Alert> which) {
        return alerts.values().stream().filter(which).max(Comparator.comparingLong(Alert::openedAt));
    }

    /**
     * Escalations due at {@code now}: one per alert whose current deadline passed unescalated. A
     * town duty room's missed deadline hands the alert over to the city duty room, whose own time to
     * acknowledge then runs; the city's missed deadline goes to the city duty leader.
     */
    public synchronized List<AlertEvent> dueEscalations(long now) {
        List<AlertEvent> due = new ArrayList<>();
        for (Alert a : alerts.values()) {
            TownRoom r = a.room() == null ? null : rooms.get(a.room());
            a.breachedAt(
                            now,
                            r == null ? acknowledgeWithin : r.acknowledgeWithin(),
                            r == null ? onSceneWithin : r.onSceneWithin())
                    .ifPresent(d -> due.add(new AlertEvent(
                            0,
                            a.id(),
                            r == null ? AlertAction.ESCALATED : AlertAction.HANDED_OVER,
                            AlertEvent.SYSTEM_ACTOR,
                            a.state(),
                            Severities.raise(a.severity(), 1),
                            null,
                            null,
                            voice.words()
                                    .text(
                                            "alert.note.missed",
                                            "deadline",
                                            voice.words().term("alert.deadline.", d.name()),
                                            "at",
                                            voice.wallClock(d.at()),
                                            "handedOver",
                                            r == null ? "no" : "yes",
                                            "room",
                                            r == null ? "" : r.id()),
                            d.name(),
                            null)));
        }
        return due;
    }

    /**
     * The steps this person may take on the alert now, as the API's verbs: what the console offers.
     * Asked of the same rules that decide a command, so the page never offers what would be refused.
     */
    public synchronized List<String> allowedVerbs(String alertId, Staff staff) {
        List<String> verbs = new ArrayList<>();
        for (String verb : Command.VERBS) {
            try {
                onCommand(
                        alertId,
                        new Command(Command.actionOf(verb), "resolve".equals(verb) ? "other" : null, null),
                        staff);
                verbs.add(verb);
            } catch (Refused notNowOrNotTheirs) {
                // not offered
            }
        }
        return verbs;
    }

    /** The event a person's command makes, or why it cannot be done. */
    public synchronized AlertEvent onCommand(String alertId, Command command, Staff staff) {
        Alert alert = alerts.get(alertId);
        if (alert == null) {
            throw new Refused(Refused.Reason.NOT_FOUND, "refused.alert.none", "id", alertId);
        }
        if (!staff.mayActIn(alert.incident().town())) {
            throw new Refused(
                    Refused.Reason.NOT_YOURS, staff.refusal(alert.incident().town()));
        }
        AlertState from = alert.state();
        AlertState to = switch (command.action()) {
            case ACKNOWLEDGED -> from.awaitsAcknowledgement() ? AlertState.ACKNOWLEDGED : null;
            case DISPATCHED -> from == AlertState.ACKNOWLEDGED ? AlertState.DISPATCHED : null;
            case ON_SCENE -> from.awaitsArrival() ? AlertState.ON_SCENE : null;
            case RESOLVED -> from.isClosed() ? null : AlertState.RESOLVED;
            default -> throw new IllegalArgumentException("not a person's command: " + command.action());
        };
        if (to == null) {
            throw new Refused(
                    Refused.Reason.NOT_NOW,
                    "refused.alert.not-now",
                    "id",
                    alertId,
                    "state",
                    Phrase.term("alert.state.", from.wireName()),
                    "step",
                    Phrase.term("alert.action.", command.action().wireName()));
        }
        return new AlertEvent(
                0,
                alertId,
                command.action(),
                staff.name(),
                to,
                alert.severity(),
                null,
                command.code(),
                command.note(),
                null,
                alert.room());
    }

    private static AlertEvent system(
            String id, AlertAction action, AlertState state, String severity, IncidentSnapshot s, String room) {
        return new AlertEvent(
                0,
                id,
                action,
                AlertEvent.SYSTEM_ACTOR,
                state,
                severity,
                s,
                action == AlertAction.AUTO_RESOLVED ? "incident-ended" : null,
                null,
                null,
                room);
    }

    /** Runs a reader under the book's lock, so it sees no alert half-changed (rendering JSON, say). */
    public synchronized <T> T read(Function<AlertBook, T> reader) {
        return reader.apply(this);
    }

    /** The alerts still being worked, by site: what the map and the boards colour sites by. */
    public synchronized Map<String, List<Alert>> activeBySite() {
        return alerts.values().stream()
                .filter(a -> !a.state().isClosed())
                .collect(Collectors.groupingBy(a -> a.incident().site()));
    }

    public synchronized Optional<Alert> get(String id) {
        return Optional.ofNullable(alerts.get(id));
    }

    /**
     * Alerts matching a filter: those still being worked first, most severe and oldest first (the
     * nearest deadline), then closed ones, newest first.
     */
    public synchronized List<Alert> find(AlertFilter filter) {
        Comparator<Alert> order = Comparator.<Alert, Boolean>comparing(
                        a -> a.state().isClosed())
                .thenComparing(
                        Comparator.comparingInt((Alert a) -> a.state().isClosed() ? 0 : -Severities.rank(a.severity())))
                .thenComparingLong(a -> a.state().isClosed() ? -a.openedAt() : a.openedAt());
        return alerts.values().stream()
                .filter(filter::matches)
                .sorted(order)
                .limit(filter.limit())
                .toList();
    }

    public Duration acknowledgeWithin() {
        return acknowledgeWithin;
    }

    public Duration onSceneWithin() {
        return onSceneWithin;
    }
}
