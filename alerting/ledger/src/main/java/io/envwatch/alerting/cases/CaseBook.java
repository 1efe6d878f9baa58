package io.envwatch.alerting.cases;

import io.envwatch.alerting.events.Refused;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.district.language.Phrase;
import io.envwatch.district.language.Voice;
import io.envwatch.district.language.Words;
import io.envwatch.district.registry.LocalTimeRules;
import io.envwatch.district.schema.RepeatCasePoint;
import io.envwatch.district.schema.SiteRule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The ledger's cases, folded from their events, and the rules of what may happen to them: who may
 * open, plan, verify, review and close out a case, and when. Commands answer with the event to
 * store (or refuse); only {@link #apply} changes a case, so the book after a restart is the same.
 */
public final class CaseBook {
    static final String ENVWATCH = "envwatch";

    private final CaseSettings settings;
    private final ZoneId zone;
    private final Words words;
    private final UnaryOperator<String> placeName;
    private final Map<String, Case> cases = new LinkedHashMap<>();

    /** @param voice the district's language and clock: what the ledger writes in its own notes */
    public CaseBook(CaseSettings settings, Voice voice) {
        this(settings, voice, place -> place);
    }

    /** @param placeName a place's name as the registry gives it (a home's, a site's), for a repeat case's cause */
    public CaseBook(CaseSettings settings, Voice voice, UnaryOperator<String> placeName) {
        this.settings = settings;
        this.zone = voice.zone();
        this.words = voice.words();
        this.placeName = placeName;
    }

    /** What staff give when they open a case by hand; {@code people} may be {@link People#NONE}. */
    public record Opening(
            String source,
            String town,
            String cause,
            long households,
            String unit,
            List<String> homes,
            String note,
            People people) {}

    /**
     * A grid patrol's finding as the ledger takes it in: evidence about a source, like a
     * corroborated complaint, filed by staff under their name.
     */
    public record PatrolFinding(String id, String town, String category, String text, long at) {}

    /** The source's record for the close-out: when it last exceeded, and when a complaint about it was last corroborated. */
    public record Evidence(long lastExceedance, long lastCorroboratedComplaint) {}

    public synchronized void apply(CaseEvent e) {
        cases.computeIfAbsent(e.caseId(), Case::new).apply(e);
    }

    public synchronized <T> T read(Function<CaseBook, T> reader) {
        return reader.apply(this);
    }

    public synchronized Optional<Case> get(String id) {
        return Optional.ofNullable(cases.get(id));
    }

    public synchronized List<Case> find(Predicate<Case> filter) {
        return cases.values().stream()
                .filter(filter)
                .sorted(Comparator.comparingLong(Case::openedAt).reversed())
                .toList();
    }

    public CaseSettings settings() {
        return settings;
    }

    public ZoneId zone() {
        return zone;
    }

    /** A time in a note or a refusal, as the district's wall clock shows it. */
    private String local(long epochMillis) {
        return LocalTimeRules.wallClock(epochMillis, zone);
    }

    /** Whether this person sees the case: the district's duty room and monitors all, a team its towns, a leader theirs. */
    public boolean sees(Staff staff, Case c) {
        return switch (staff.role()) {
            case DUTY_OFFICER, DUTY_LEADER, MONITOR -> true;
            case TEAM_MEMBER -> staff.towns().contains(c.town());
            case LEADER -> staff.name().equals(c.owner()) || isSuperiorOf(staff.name(), c.owner());
            case HOTLINE, GRID_OFFICER, INFORMATION_OFFICER -> false;
        };
    }

    private boolean isSuperiorOf(String name, String owner) {
        String next = settings.leader(owner).map(CaseSettings.Leader::superior).orElse(null);
        for (int hops = 0; next != null && hops < 5; hops++) {
            if (next.equals(name)) {
                return true;
            }
            next = settings.leader(next).map(CaseSettings.Leader::superior).orElse(null);
        }
        return false;
    }

    /** Planning and verifying: the owner, the town's team, the duty room. */
    private boolean works(Staff staff, Case c) {
        return switch (staff.role()) {
            case DUTY_OFFICER, DUTY_LEADER -> true;
            case TEAM_MEMBER -> staff.towns().contains(c.town());
            case LEADER -> staff.name().equals(c.owner());
            case MONITOR, HOTLINE, GRID_OFFICER, INFORMATION_OFFICER -> false;
        };
    }

    /**
     * A case opened by hand; or, when a case about the same source is still open, the new report
     * joined to it (linked, with its cause as the note): one source, one case, one owner, one
     * deduction from the enterprise's rating.
     */
    public synchronized CaseEvent open(Opening o, Staff by, long now) {
        return open(o, by, now, null);
    }

    /**
     * A case opened from a grid patrol's finding (null: by hand), which it keeps as evidence; a
     * case open about the same source takes the finding in instead.
     */
    public synchronized CaseEvent open(Opening o, Staff by, long now, PatrolFinding finding) {
        boolean mayOpen = switch (by.role()) {
            case DUTY_OFFICER, DUTY_LEADER -> true;
            case TEAM_MEMBER -> by.towns().contains(o.town());
            case LEADER ->
                settings.leader(by.name()).map(l -> l.covers(o.town())).orElse(false);
            case MONITOR, HOTLINE, GRID_OFFICER, INFORMATION_OFFICER -> false;
        };
        if (!mayOpen) {
            throw new Refused(Refused.Reason.NOT_YOURS, "refused.case.open-town", "who", by.name(), "town", o.town());
        }
        Optional<Case> same = cases.values().stream()
                .filter(c -> !c.state().isClosed() && c.source().equals(o.source()))
                .findFirst();
        if (same.isPresent()) {
            Case c = same.get();
            if (finding != null) {
                untaken(finding, o.town());
            }
            return event(c, CaseAction.LINKED, c.state(), by.name())
                    .patrolFinding(finding == null ? null : finding.id(), finding == null ? 0 : finding.at())
                    .note(words.text(
                            "case.note.reported-again",
                            "who",
                            by.name(),
                            "cause",
                            o.cause(),
                            "hasNote",
                            o.note() == null ? "no" : "yes",
                            "note",
                            o.note() == null ? "" : o.note()))
                    .build();
        }
        if (finding != null) {
            untaken(finding, o.town());
        }
        return opening(o, by.name(), null, finding, now);
    }

    /**
     * A grid patrol's finding taken in as evidence by those who work the case: a case closed out
     * before the finding opens again; one still being worked counts its quiet period from it.
     */
    public synchronized CaseEvent takeFinding(String id, PatrolFinding finding, Staff by) {
        Case c = mayWork(id, by);
        untaken(finding, c.town());
        if (c.state().isClosed()) {
            if (finding.at() <= c.closedAt()) {
                throw new Refused(
                        Refused.Reason.NOT_NOW,
                        "refused.case.finding-before-close-out",
                        "finding",
                        finding.id(),
                        "id",
                        id,
                        "closedAt",
                        local(c.closedAt()));
            }
            return event(c, CaseAction.REOPENED, CaseState.OPEN, by.name())
                    .patrolFinding(finding.id(), finding.at())
                    .note(words.text(
                            "case.note.reopened-finding",
                            "finding",
                            finding.id(),
                            "at",
                            local(finding.at()),
                            "text",
                            finding.text()))
                    .build();
        }
        return event(c, CaseAction.LINKED, c.state(), by.name())
                .patrolFinding(finding.id(), finding.at())
                .note(words.text(
                        "case.note.finding",
                        "finding",
                        finding.id(),
                        "at",
                        local(finding.at()),
                        "text",
                        finding.text()))
                .build();
    }

    /** A finding is evidence in one case, of its own town. */
    private void untaken(PatrolFinding finding, String town) {
        if (!finding.town().equals(town)) {
            throw new Refused(
                    Refused.Reason.NOT_YOURS,
                    "refused.case.finding-town",
                    "finding",
                    finding.id(),
                    "town",
                    finding.town());
        }
        cases.values().stream()
                .filter(c -> c.patrolFindings().contains(finding.id()))
                .findFirst()
                .ifPresent(c -> {
                    throw new Refused(
                            Refused.Reason.NOT_NOW,
                            "refused.case.finding-taken",
                            "finding",
                            finding.id(),
                            "id",
                            c.id());
                });
    }

    /**
     * The job's repeat case, proposed as a case unless a case already took it in: a case open about
     * the same source takes it in (linked); otherwise a new case opens, owned at the lowest level
     * (its households are not known yet).
     */
    public synchronized Optional<CaseEvent> propose(RepeatCasePoint rc, long now) {
        if (!rc.open() || cases.values().stream().anyMatch(c -> c.repeatCases().contains(rc.id()))) {
            return Optional.empty();
        }
        String source = rc.incidents().isEmpty()
                ? rc.place()
                : SiteRule.parse(rc.incidents().get(0)).site();
        Optional<Case> same = cases.values().stream()
                .filter(c -> !c.state().isClosed()
                        && (c.source().equals(source) || c.source().equals(rc.place())))
                .findFirst();
        if (same.isPresent()) {
            Case c = same.get();
            return Optional.of(event(c, CaseAction.LINKED, c.state(), ENVWATCH)
                    .repeatCase(rc.id())
                    .note(words.text(
                            "case.note.repeat-taken-in",
                            "id",
                            rc.id(),
                            "count",
                            rc.count(),
                            "category",
                            words.term("complaint.category.", rc.category())))
                    .build());
        }
        String cause = words.text(
                "case.cause.repeat",
                "count",
                rc.count(),
                "category",
                words.term("complaint.category.", rc.category()),
                "place",
                placeName.apply(rc.place()),
                "since",
                Instant.ofEpochMilli(rc.first()).atZone(zone).toLocalDate().toString());
        List<String> homes = rc.place().startsWith("cell:") ? List.of() : List.of(rc.place());
        return Optional.of(opening(
                new Opening(
                        source, rc.town(), cause, 0, null, homes, "proposed from repeat case " + rc.id(), People.NONE),
                ENVWATCH,
                rc.id(),
                null,
                now));
    }

    /** @param finding the patrol finding it opens from, or null */
    private CaseEvent opening(Opening o, String actor, String repeatCase, PatrolFinding finding, long now) {
        CaseSettings.Leader owner = settings.ownerFor(o.households(), o.town())
                .orElseThrow(() -> new Refused(
                        Refused.Reason.NO_OWNER,
                        "refused.case.no-owner",
                        "level",
                        Phrase.term("case.level.", settings.levelFor(o.households())),
                        "town",
                        o.town()));
        String id = newId(now);
        return new CaseEvent.Draft(id, o.town(), CaseAction.OPENED, CaseState.OPEN, actor)
                .source(o.source())
                .cause(o.cause())
                .households(o.households())
                .unit(o.unit())
                .homes(o.homes())
                .owner(owner.name(), owner.level())
                .note(o.note())
                .repeatCase(repeatCase)
                .people(o.people())
                .patrolFinding(finding == null ? null : finding.id(), finding == null ? 0 : finding.at())
                .build();
    }

    private String newId(long now) {
        String base = "CASE-" + Long.toString(now, 36).toUpperCase(Locale.ROOT);
        String id = base;
        for (int n = 2; cases.containsKey(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    public synchronized CaseEvent plan(String id, String opinion, long deadline, Staff by, long now) {
        Case c = mayWork(id, by);
        if (c.state() != CaseState.OPEN && c.state() != CaseState.RECTIFYING) {
            throw notNow(c, "plan");
        }
        if (deadline <= now) {
            throw new Refused(Refused.Reason.NOT_NOW, "refused.case.deadline-passed", "deadline", local(deadline));
        }
        return event(c, CaseAction.RECTIFYING, CaseState.RECTIFYING, by.name())
                .opinion(opinion)
                .deadline(deadline)
                .build();
    }

    public synchronized CaseEvent verify(String id, Staff by, String note) {
        Case c = mayWork(id, by);
        if (c.state() != CaseState.RECTIFYING) {
            throw notNow(c, "verify");
        }
        return event(c, CaseAction.VERIFYING, CaseState.VERIFYING, by.name())
                .note(note)
                .build();
    }

    /** When the source's quiet period, as the evidence shows it, lets the case be closed out. */
    public long closableFrom(Case c, Evidence evidence) {
        return quietSince(c, evidence) + settings.evidencePeriod().toMillis();
    }

    /** The latest of the opening, the source's last exceedance and corroborated complaint, and the case's last patrol finding. */
    public static long quietSince(Case c, Evidence evidence) {
        return Math.max(
                Math.max(c.openedAt(), c.lastPatrolFinding()),
                Math.max(evidence.lastExceedance(), evidence.lastCorroboratedComplaint()));
    }

    /** Only the owner signs a case off, only when verifying, and only after the evidence period. */
    public synchronized CaseEvent closeOut(String id, Staff by, Evidence evidence, String note, long now) {
        Case c = visible(id, by);
        if (!by.name().equals(c.owner())) {
            throw new Refused(Refused.Reason.NOT_YOURS, "refused.case.owner-signs", "owner", c.owner(), "id", id);
        }
        if (c.state() != CaseState.VERIFYING) {
            throw notNow(c, "close-out");
        }
        long from = closableFrom(c, evidence);
        if (now < from) {
            throw new Refused(
                    Refused.Reason.NOT_NOW,
                    "refused.case.not-quiet",
                    "quietSince",
                    local(quietSince(c, evidence)),
                    "id",
                    id,
                    "from",
                    local(from),
                    "days",
                    settings.evidencePeriod().toDays());
        }
        return event(c, CaseAction.CLOSED_OUT, CaseState.CLOSED_OUT, by.name())
                .note(note)
                .build();
    }

    /**
     * Who the case concerns, registered again as it develops: by those who work the case, while
     * it is not closed out. The state stays.
     */
    public synchronized CaseEvent people(String id, Staff by, People people) {
        Case c = mayWork(id, by);
        if (c.state().isClosed()) {
            throw notNow(c, "people");
        }
        return event(c, CaseAction.PEOPLE, c.state(), by.name()).people(people).build();
    }

    /** The owner, their superiors and the duty leader record the quarterly review. */
    public synchronized CaseEvent review(String id, Staff by, String findings, String nextSteps) {
        Case c = visible(id, by);
        boolean may = by.role() == Role.DUTY_LEADER || (by.role() == Role.LEADER && sees(by, c));
        if (!may) {
            throw new Refused(Refused.Reason.NOT_YOURS, "refused.case.not-reviewer", "who", by.name(), "id", id);
        }
        if (c.state().isClosed()) {
            throw notNow(c, "review");
        }
        return event(c, CaseAction.REVIEWED, c.state(), by.name())
                .findings(findings)
                .nextSteps(nextSteps)
                .build();
    }

    /**
     * The steps this person may take on the case now, as the API's verbs: what the ledger page
     * offers. Asked of the same rules that decide a step, so the page never offers what would be
     * refused.
     */
    public synchronized List<String> allowedSteps(String id, Staff by, Evidence evidence, long now) {
        List<String> steps = new ArrayList<>();
        offer(steps, "plan", () -> plan(id, "a plan", now + 86_400_000L, by, now));
        offer(steps, "verify", () -> verify(id, by, null));
        offer(steps, "close-out", () -> closeOut(id, by, evidence, null, now));
        offer(steps, "review", () -> review(id, by, "findings", "next steps"));
        offer(steps, "people", () -> people(id, by, People.NONE));
        return steps;
    }

    private static void offer(List<String> steps, String verb, Supplier<CaseEvent> decide) {
        try {
            decide.get();
            steps.add(verb);
        } catch (Refused notNowOrNotTheirs) {
            // not offered
        }
    }

    /** A closed-out case whose source drew a corroborated complaint after the close-out opens again. */
    public synchronized List<CaseEvent> reopenings(String sourceMatched, String complaintId, long complaintAt) {
        List<CaseEvent> out = new ArrayList<>();
        for (Case c : cases.values()) {
            if (c.state().isClosed() && c.source().equals(sourceMatched) && complaintAt > c.closedAt()) {
                out.add(event(c, CaseAction.REOPENED, CaseState.OPEN, ENVWATCH)
                        .note(words.text("case.note.reopened", "id", complaintId, "at", local(complaintAt)))
                        .build());
            }
        }
        return out;
    }

    /** Cases whose rectification deadline passed: each escalates to the owner's superior, once per deadline. */
    public synchronized List<CaseEvent> dueEscalations(long now) {
        List<CaseEvent> out = new ArrayList<>();
        for (Case c : cases.values()) {
            if (c.deadlineMissed(now)) {
                // Above the highest leader the duty leader answers: an escalation always names someone.
                String superior = settings.leader(c.owner())
                        .map(CaseSettings.Leader::superior)
                        .orElse(null);
                out.add(event(c, CaseAction.ESCALATED, c.state(), ENVWATCH)
                        .escalatedTo(superior == null ? Role.DUTY_LEADER.wireName() : superior)
                        .note(words.text(
                                "case.note.deadline-missed",
                                "deadline",
                                local(c.deadline()),
                                "noSuperior",
                                superior == null ? "yes" : "no"))
                        .build());
            }
        }
        return out;
    }

    private Case visible(String id, Staff by) {
        Case c = cases.get(id);
        if (c == null || !sees(by, c)) {
            throw new Refused(Refused.Reason.NOT_FOUND, "refused.case.none", "id", id);
        }
        return c;
    }

    private Case mayWork(String id, Staff by) {
        Case c = visible(id, by);
        if (!works(by, c)) {
            throw new Refused(Refused.Reason.NOT_YOURS, "refused.case.not-yours", "who", by.name(), "id", id);
        }
        return c;
    }

    /** @param step the step refused, as the catalogue names it ({@code refused.case.not-now.<step>}) */
    private static Refused notNow(Case c, String step) {
        return new Refused(
                Refused.Reason.NOT_NOW,
                "refused.case.not-now." + step,
                "id",
                c.id(),
                "state",
                Phrase.term("case.state.", c.state().wireName()));
    }

    private CaseEvent.Draft event(Case c, CaseAction action, CaseState state, String actor) {
        return new CaseEvent.Draft(c.id(), c.town(), action, state, actor);
    }
}
