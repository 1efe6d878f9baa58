package io.envwatch.alerting.tips;

import io.envwatch.alerting.events.Event;

/**
 * One stored change of one tip; a tip is the fold of its events ({@link Tip#apply}). The text and
 * findings are sealed before they reach an event; the claim code only as its hash.
 *
 * @param actor the staff name, or {@code tipster} for what the claim code's holder did
 * @param state the tip's state after the event
 * @param claimHash on receipt only
 * @param textSealed on receipt only
 * @param findingsSealed on verification only
 * @param reward yuan, once decided; else 0
 */
public record TipEvent(
        long timeNanos,
        String tip,
        String town,
        String tipClass,
        TipAction action,
        TipState state,
        String actor,
        String claimHash,
        String textSealed,
        String findingsSealed,
        double reward)
        implements Event<TipEvent> {

    public long timeMillis() {
        return timeNanos / 1_000_000L;
    }

    @Override
    public TipEvent at(long timeNanos) {
        return new TipEvent(
                timeNanos, tip, town, tipClass, action, state, actor, claimHash, textSealed, findingsSealed, reward);
    }
}
