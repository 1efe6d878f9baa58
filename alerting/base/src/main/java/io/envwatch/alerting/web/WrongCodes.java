package io.envwatch.alerting.web;

import io.envwatch.alerting.intake.IntakeLimits;
import io.vertx.ext.web.RoutingContext;

/**
 * Guesses at secrets (claim codes, bearer tokens), counted per address: every try takes one of the
 * address's tries before the secret is checked, and a right one gives it back. Taken first, so that
 * a hundred guesses sent at once are a hundred tries, not a hundred checks that each saw the budget
 * untouched; an address out of tries waits (429) whatever it sends.
 */
public final class WrongCodes {
    private final IntakeLimits.Gate gate;
    private final String what;

    /** @param what what is guessed, as the 429's catalogue key ends ({@code error.too-many-wrong.claim-codes}) */
    public WrongCodes(IntakeLimits limits, String what) {
        this.gate = limits.gate();
        this.what = what;
    }

    /** Takes a try from the address, or answers 429 and returns false when it has none left. */
    public boolean reserve(RoutingContext ctx, String client) {
        IntakeLimits.Decision decision = gate.admit(client, System.nanoTime());
        if (decision.admitted()) {
            return true;
        }
        ctx.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        Answers.error(ctx, 429, "error.too-many-wrong." + what, "seconds", decision.retryAfterSeconds());
        return false;
    }

    /** The secret was right: the try does not count. */
    public void right(String client) {
        gate.refund(client, System.nanoTime());
    }
}
