package io.envwatch.alerting.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One ledger case as its events made it. Only {@link CaseBook} changes it, by applying stored
 * events in order; everything else reads.
 */
public final class Case {
    /** A quarterly review: who, when, what was found and what comes next. */
    public record Review(long at, String by, String findings, String nextSteps) {}

    private final String id;
    private String town;
    private String source;
    private String cause;
    private String unit;
    private long households;
    private List<String> homes = List.of();
    private People people = People.NONE;
    private CaseState state = CaseState.OPEN;
    private String owner;
    private String ownerLevel;
    private String opinion;
    private long deadline;
    private long escalatedDeadline;
    private long openedAt;
    private long closedAt;
    private final Set<String> repeatCases = new TreeSet<>();
    private final Set<String> patrolFindings = new TreeSet<>();
    private long lastPatrolFinding;
    private final List<Review> reviews = new ArrayList<>();
    private final List<CaseEvent> timeline = new ArrayList<>();

    Case(String id) {
        this.id = id;
    }

    void apply(CaseEvent e) {
        long at = e.timeMillis();
        switch (e.action()) {
            case OPENED -> {
                town = e.town();
                source = e.source();
                cause = e.cause();
                unit = e.unit();
                households = e.households();
                homes = e.homes();
                owner = e.owner();
                ownerLevel = e.ownerLevel();
                openedAt = at;
                if (e.people() != null) {
                    people = e.people();
                }
            }
            case PEOPLE -> people = e.people() == null ? People.NONE : e.people();
            case RECTIFYING -> {
                opinion = e.opinion();
                deadline = e.deadline();
            }
            case ESCALATED -> escalatedDeadline = deadline;
            case REVIEWED -> reviews.add(new Review(at, e.actor(), e.findings(), e.nextSteps()));
            case CLOSED_OUT -> closedAt = at;
            case REOPENED -> closedAt = 0;
            default -> {}
        }
        if (e.repeatCase() != null) {
            repeatCases.add(e.repeatCase());
        }
        if (e.patrolFinding() != null) {
            patrolFindings.add(e.patrolFinding());
            lastPatrolFinding = Math.max(lastPatrolFinding, e.patrolFindingAt());
        }
        state = e.state();
        timeline.add(e);
    }

    /**
     * Whether a quarter ended without its review. A case is reviewed in every full calendar quarter
     * (local time) it is open: the first is the quarter after the one it was opened in.
     */
    public boolean reviewOverdue(long now, ZoneId zone) {
        if (state.isClosed()) {
            return false;
        }
        // Every quarter after the opening one is reviewed once, by a review made in it or after it:
        // a review made late counts for the oldest quarter still missing one, so a missed quarter
        // can be made good; a review never counts for a quarter that had not begun.
        List<Long> unused = reviews.stream()
                .map(Review::at)
                .filter(at -> at <= now)
                .sorted()
                .collect(Collectors.toList());
        ZonedDateTime q =
                quarterStart(Instant.ofEpochMilli(openedAt).atZone(zone)).plusMonths(3);
        for (; !q.plusMonths(3).toInstant().isAfter(Instant.ofEpochMilli(now)); q = q.plusMonths(3)) {
            long from = q.toInstant().toEpochMilli();
            Optional<Long> made = unused.stream().filter(at -> at >= from).findFirst();
            if (made.isEmpty()) {
                return true;
            }
            unused.remove(made.get());
        }
        return false;
    }

    private static ZonedDateTime quarterStart(ZonedDateTime t) {
        LocalDate d = t.toLocalDate();
        return LocalDate.of(d.getYear(), ((d.getMonthValue() - 1) / 3) * 3 + 1, 1)
                .atStartOfDay(t.getZone());
    }

    /** Whether the rectification deadline has passed and not yet been escalated. */
    /** Its rectification deadline has passed while the work is still to do (open or rectifying). */
    public boolean deadlinePassed(long now) {
        return deadline > 0 && now > deadline && (state == CaseState.OPEN || state == CaseState.RECTIFYING);
    }

    /** Overdue, the one meaning every list uses: its deadline has passed, or a quarterly review is missing. */
    public boolean overdue(long now, ZoneId zone) {
        return deadlinePassed(now) || reviewOverdue(now, zone);
    }

    /** Its deadline has passed and it has not been escalated for that deadline yet. */
    boolean deadlineMissed(long now) {
        return deadlinePassed(now) && escalatedDeadline != deadline;
    }

    public String id() {
        return id;
    }

    public String town() {
        return town;
    }

    public String source() {
        return source;
    }

    public String cause() {
        return cause;
    }

    public String unit() {
        return unit;
    }

    public long households() {
        return households;
    }

    public List<String> homes() {
        return homes;
    }

    /** Who the case concerns, as last registered. */
    public People people() {
        return people;
    }

    public CaseState state() {
        return state;
    }

    public String owner() {
        return owner;
    }

    public String ownerLevel() {
        return ownerLevel;
    }

    public String opinion() {
        return opinion;
    }

    public long deadline() {
        return deadline;
    }

    public boolean escalated() {
        return escalatedDeadline != 0 && escalatedDeadline == deadline;
    }

    public long openedAt() {
        return openedAt;
    }

    public long closedAt() {
        return closedAt;
    }

    /** The grid patrols' findings it opened from, took in or reopened on. */
    public Set<String> patrolFindings() {
        return Collections.unmodifiableSet(patrolFindings);
    }

    /** When the latest of them was filed (epoch ms), 0 without: evidence like a corroborated complaint. */
    public long lastPatrolFinding() {
        return lastPatrolFinding;
    }

    public Set<String> repeatCases() {
        return Collections.unmodifiableSet(repeatCases);
    }

    public List<Review> reviews() {
        return Collections.unmodifiableList(reviews);
    }

    public List<CaseEvent> timeline() {
        return Collections.unmodifiableList(timeline);
    }

    /** The nanosecond time of its first event: where its board point lives. */
    public long firstEventNanos() {
        return timeline.get(0).timeNanos();
    }
}
