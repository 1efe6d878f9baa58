package io.envwatch.alerting.api;

import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.staff.StaffDirectory;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Bearer tokens (RFC 6750) for staff: a request without a known token gets 401 and goes no
 * further. The person found is kept on the routing context for the handlers' role checks.
 */
final class Authentication implements Handler<RoutingContext> {
    private static final String STAFF = "envwatch.staff";
    private final StaffDirectory directory;

    Authentication(StaffDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        Optional<Staff> staff = directory.byToken(token);
        if (staff.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", token == null ? "Bearer realm=\"envwatch\""
                    : "Bearer realm=\"envwatch\", error=\"invalid_token\"");
            Answers.json(ctx, 401, new JsonObject().put("error", token == null
                    ? "sign in: send Authorization: Bearer <token> (anonymous callers may only file complaints)"
                    : "unknown token"));
            return;
        }
        ctx.put(STAFF, staff.get());
        ctx.next();
    }

    static Staff staff(RoutingContext ctx) {
        return ctx.get(STAFF);
    }
}
