package io.envwatch.alerting.web;

import io.envwatch.alerting.intake.IntakeLimits;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.staff.StaffDirectory;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;

/**
 * Bearer tokens (RFC 6750) for staff: a request without a known token gets 401 and goes no
 * further. The person found is kept on the routing context for the handlers' role checks. Wrong
 * tokens cost the address a try ({@link #WRONG_TOKENS} per address): past them every token from
 * it is answered 429 unchecked, so the answers tell a guesser nothing more.
 */
public final class Authentication implements Handler<RoutingContext> {
    /** Wrong tokens one address may send before it waits: a person mistyping, not a script. */
    static final int WRONG_TOKENS = 20;

    public static final Duration WRONG_TOKENS_WINDOW = Duration.ofMinutes(10);
    private static final String STAFF = "envwatch.staff";
    private final StaffDirectory directory;
    private final WrongCodes wrongTokens;
    private final boolean trustForwardedFor;

    public Authentication(StaffDirectory directory, boolean trustForwardedFor) {
        this.directory = directory;
        this.trustForwardedFor = trustForwardedFor;
        this.wrongTokens = new WrongCodes(
                new IntakeLimits(
                        WRONG_TOKENS, WRONG_TOKENS_WINDOW, Integer.MAX_VALUE, Duration.ofMinutes(1), trustForwardedFor),
                "tokens");
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!identify(ctx)) {
            return;
        }
        if (staff(ctx) == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"envwatch\"");
            Answers.json(
                    ctx,
                    401,
                    new JsonObject()
                            .put(
                                    "error",
                                    "sign in: send Authorization: Bearer <token> (anonymous callers may only file web complaints and tips)"));
            return;
        }
        ctx.next();
    }

    /**
     * For routes open to anyone that staff may use signed in: finds the person when a token is sent.
     * False when the request is answered already (a wrong token: 401, or 429 past the address's tries).
     */
    public boolean identify(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null) {
            return true;
        }
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : "";
        String client = Answers.clientAddress(ctx, trustForwardedFor);
        if (!wrongTokens.reserve(ctx, client)) {
            return false;
        }
        Optional<Staff> staff = directory.byToken(token);
        if (staff.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"envwatch\", error=\"invalid_token\"");
            Answers.error(ctx, 401, "error.unknown-token");
            return false;
        }
        wrongTokens.right(client);
        ctx.put(STAFF, staff.get());
        return true;
    }

    /** The signed-in person, or null for an anonymous caller. */
    public static Staff staff(RoutingContext ctx) {
        return ctx.get(STAFF);
    }
}
