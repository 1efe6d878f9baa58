package io.envwatch.alerting.api;

import io.envwatch.alerting.complaints.IntakeLimits;
import io.vertx.ext.web.RoutingContext;

/**
 * Guesses at claim codes, counted per address across tips and complaints: a wrong code costs the
 * address one of its tries, and an address out of tries waits (429) whatever code it sends.
 */
final class WrongCodes {
    private final IntakeLimits.Gate gate;

    WrongCodes(IntakeLimits limits) {
        this.gate = limits.gate();
    }

    /** Whether the address must wait; if so the request is answered already. */
    boolean refused(RoutingContext ctx, String client) {
        long wait = gate.secondsToWait(client, System.nanoTime());
        if (wait == 0) {
            return false;
        }
        ctx.response().putHeader("Retry-After", Long.toString(wait));
        Answers.error(ctx, 429, "too many wrong claim codes from this address; retry in " + wait + " s");
        return true;
    }

    void wrong(String client) {
        gate.admit(client, System.nanoTime());
    }
}
