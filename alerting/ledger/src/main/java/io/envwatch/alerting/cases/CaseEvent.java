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
        String escalatedTo)
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
                escalatedTo);
    }
}
