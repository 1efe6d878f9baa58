package io.envwatch.alerting.events;

/**
 * A command a book will not carry out, in the domain's terms; nothing was stored. Alerts, cases and
 * tips refuse for the same few reasons, and the HTTP layer answers each reason one way.
 */
public final class Refused extends RuntimeException {
    public enum Reason {
        /** No such alert, case or tip, or none this person may see (they learn nothing of it). */
        NOT_FOUND,
        /** It exists and the person sees it, but the step is not theirs (town, role, owner). */
        NOT_YOURS,
        /** The state (or a deadline or evidence period) does not allow the step now. */
        NOT_NOW,
        /** Nobody is configured who could own it (a case with no leader covering its town). */
        NO_OWNER
    }

    private final Reason reason;

    public Refused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
