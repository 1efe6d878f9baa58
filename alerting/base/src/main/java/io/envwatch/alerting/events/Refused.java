package io.envwatch.alerting.events;

import io.envwatch.district.language.Phrase;

/**
 * A command a book will not carry out, in the domain's terms; nothing was stored. Alerts, cases and
 * tips refuse for the same few reasons, and the HTTP layer answers each reason one way, in the
 * caller's language.
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
        NO_OWNER,
        /** The person is not where the step must be taken (a patrol point, as their phone places them). */
        NOT_THERE
    }

    private final Reason reason;
    private final transient Phrase phrase;

    /** @param key the catalogue key of the refusal ({@code refused.*}), with its arguments as name-value pairs */
    public Refused(Reason reason, String key, Object... nameValuePairs) {
        this(reason, Phrase.of(key, nameValuePairs));
    }

    public Refused(Reason reason, Phrase phrase) {
        super(phrase.toString());
        this.reason = reason;
        this.phrase = phrase;
    }

    public Reason reason() {
        return reason;
    }

    public Phrase phrase() {
        return phrase;
    }
}
