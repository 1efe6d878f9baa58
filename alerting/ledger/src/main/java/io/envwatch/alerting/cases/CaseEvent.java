package io.envwatch.alerting.cases;

import io.envwatch.alerting.events.Event;
import java.util.List;

/**
 * One stored change of one case; a case is the fold of its events ({@link Case#apply}). Fields an
 * action does not carry are null (or 0): only an opening names the source, cause and owner, only a
 * plan its opinion and deadline, only a review its findings and next steps.
 *
 * @param actor the staff name, or {@code envwatch} for the service's own events
 * @param state the case's state after the event
 * @param repeatCase the job's repeat case the case grew from or took in
 * @param escalatedTo on an escalation, the owner's superior (or {@code duty-leader})
 * @param people on an opening or a people update, who the case concerns; null otherwise
 * @param patrolFinding a grid patrol's finding the case opened from, took in or reopened on; else null
 * @param patrolFindingAt when that finding was filed (epoch ms): evidence like a corroborated complaint
 */
public record CaseEvent(
        long timeNanos,
        String caseId,
        String town,
        CaseAction action,
        CaseState state,
        String actor,
        String source,
        String cause,
        long households,
        String unit,
        List<String> homes,
        String owner,
        String ownerLevel,
        String opinion,
        long deadline,
        String note,
        String findings,
        String nextSteps,
        String repeatCase,
        String escalatedTo,
        People people,
        String patrolFinding,
        long patrolFindingAt)
        implements Event<CaseEvent> {

    public long timeMillis() {
        return timeNanos / 1_000_000L;
    }

    @Override
    public CaseEvent at(long timeNanos) {
        return new CaseEvent(
                timeNanos,
                caseId,
                town,
                action,
                state,
                actor,
                source,
                cause,
                households,
                unit,
                homes,
                owner,
                ownerLevel,
                opinion,
                deadline,
                note,
                findings,
                nextSteps,
                repeatCase,
                escalatedTo,
                people,
                patrolFinding,
                patrolFindingAt);
    }

    /**
     * An event being drafted by the book: the fields its action carries, set by name. The log
     * stamps its time when it stores it.
     */
    static final class Draft {
        private final String caseId;
        private final String town;
        private final CaseAction action;
        private final CaseState state;
        private final String actor;
        private String source;
        private String cause;
        private long households;
        private String unit;
        private List<String> homes = List.of();
        private String owner;
        private String ownerLevel;
        private String opinion;
        private long deadline;
        private String note;
        private String findings;
        private String nextSteps;
        private String repeatCase;
        private String escalatedTo;
        private People people;
        private String patrolFinding;
        private long patrolFindingAt;

        Draft(String caseId, String town, CaseAction action, CaseState state, String actor) {
            this.caseId = caseId;
            this.town = town;
            this.action = action;
            this.state = state;
            this.actor = actor;
        }

        Draft source(String v) {
            source = v;
            return this;
        }

        Draft cause(String v) {
            cause = v;
            return this;
        }

        Draft households(long v) {
            households = v;
            return this;
        }

        Draft unit(String v) {
            unit = v;
            return this;
        }

        Draft homes(List<String> v) {
            homes = v == null ? List.of() : List.copyOf(v);
            return this;
        }

        Draft owner(String name, String level) {
            owner = name;
            ownerLevel = level;
            return this;
        }

        Draft opinion(String v) {
            opinion = v;
            return this;
        }

        Draft deadline(long v) {
            deadline = v;
            return this;
        }

        Draft note(String v) {
            note = v;
            return this;
        }

        Draft patrolFinding(String id, long at) {
            patrolFinding = id;
            patrolFindingAt = at;
            return this;
        }

        Draft findings(String v) {
            findings = v;
            return this;
        }

        Draft nextSteps(String v) {
            nextSteps = v;
            return this;
        }

        Draft repeatCase(String v) {
            repeatCase = v;
            return this;
        }

        Draft escalatedTo(String v) {
            escalatedTo = v;
            return this;
        }

        Draft people(People v) {
            people = v;
            return this;
        }

        CaseEvent build() {
            return new CaseEvent(
                    0,
                    caseId,
                    town,
                    action,
                    state,
                    actor,
                    source,
                    cause,
                    households,
                    unit,
                    homes,
                    owner,
                    ownerLevel,
                    opinion,
                    deadline,
                    note,
                    findings,
                    nextSteps,
                    repeatCase,
                    escalatedTo,
                    people,
                    patrolFinding,
                    patrolFindingAt);
        }
    }
}
