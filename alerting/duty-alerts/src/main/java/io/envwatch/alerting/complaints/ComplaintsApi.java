package io.envwatch.alerting.complaints;

import static io.envwatch.alerting.web.Answers.error;
import static io.envwatch.alerting.web.Answers.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.intake.IntakeLimits;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.alerting.web.WrongCodes;
import io.envwatch.district.InvalidField;
import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.complaints.ComplaintIntake;
import io.envwatch.district.complaints.ComplaintIntake.Filer;
import io.envwatch.district.language.Phrase;
import io.envwatch.district.registry.Registry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Complaints: the intake ({@code POST /api/v1/complaints}: anyone files a web complaint, limited
 * per address and overall; the hotline's staff, signed in, file what came by phone, letter or visit
 * with its reference and escalation) and the staff's list of repeat cases ({@code /api/v1/repeat-cases}).
 */
public final class ComplaintsApi {
    private static final Logger LOG = LoggerFactory.getLogger(ComplaintsApi.class);
    static final int MAX_COMPLAINT_BYTES = 16 * 1024;

    private final Vertx vertx;
    private final ComplaintIntake intake;
    private final ComplaintDesk desk;
    private final RepeatCaseQueries repeatCases;
    private final ComplaintPublisher publisher;
    private final IntakeLimits.Gate gate;
    private final ComplaintFollowUp followUp;
    private final WrongCodes wrongCodes;
    private final Authentication authentication;
    private final boolean trustForwardedFor;
    private final Clock clock;

    /**
     * @param publisher null when no broker is configured: complaints are then refused with 503
     * @param publicIntake shared with the tips: one budget per address for all anonymous filing
     */
    public ComplaintsApi(
            Vertx vertx,
            Registry registry,
            ComplaintDesk desk,
            RepeatCaseQueries repeatCases,
            ComplaintPublisher publisher,
            IntakeLimits limits,
            IntakeLimits.Gate publicIntake,
            ComplaintFollowUp followUp,
            WrongCodes wrongCodes,
            Authentication authentication,
            Clock clock) {
        this.authentication = authentication;
        this.followUp = followUp;
        this.wrongCodes = wrongCodes;
        this.vertx = vertx;
        this.intake = new ComplaintIntake(registry);
        this.desk = desk;
        this.repeatCases = repeatCases;
        this.publisher = publisher;
        this.gate = publicIntake;
        this.trustForwardedFor = limits.trustForwardedFor();
        this.clock = clock;
    }

    /** The public intake, mounted before sign-in. */
    public Router intake() {
        Router router = Router.router(vertx);
        // Two routes: Vert.x takes the body handler only first on a route, and the admission
        // check must come before the body is read.
        router.get("/status").handler(this::status);
        router.post("/").handler(this::admit);
        router.post("/")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_COMPLAINT_BYTES))
                .handler(this::submit)
                .failureHandler(ctx -> Answers.failedBody(ctx, MAX_COMPLAINT_BYTES));
        return router;
    }

    /** Repeat cases, for signed-in staff. */
    public Router repeatCases() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::listRepeatCases);
        return router;
    }

    /**
     * Before the body is read (and after the router's check that a write is JSON): staff filing for the hotline are who they say;
     * an anonymous caller is held to the intake's limits per client address and overall (429 with
     * Retry-After).
     */
    private void admit(RoutingContext ctx) {
        if (!authentication.identify(ctx)) {
            return;
        }
        Staff staff = Authentication.staff(ctx);
        if (staff != null) {
            if (!staff.filesForTheHotline()) {
                error(
                        ctx,
                        403,
                        "refused.complaint.not-hotline",
                        "who",
                        staff.name(),
                        "role",
                        Phrase.term("staff.role.", staff.role().wireName()));
                return;
            }
            ctx.next();
            return;
        }
        IntakeLimits.Decision decision = gate.admit(clientAddress(ctx), System.nanoTime());
        if (!decision.admitted()) {
            ctx.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            error(ctx, 429, "error.too-many", "limit", decision.limit(), "seconds", decision.retryAfterSeconds());
            return;
        }
        ctx.next();
    }

    /**
     * Why a body is no JSON a complaint can be read from: a field given twice names the field
     * (Jackson's strict duplicate detection says "Duplicate field 'x'"), anything else where it broke.
     */
    static InvalidField unreadable(JsonProcessingException e) {
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.lookingAt()) {
            return new InvalidField(duplicate.group(1), "error.duplicate-field");
        }
        return e.getLocation() == null
                ? new InvalidField("body", "error.not-json")
                : new InvalidField(
                        "body",
                        "error.not-json-at",
                        "line",
                        e.getLocation().getLineNr(),
                        "column",
                        e.getLocation().getColumnNr());
    }

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']{1,64})'");

    private String clientAddress(RoutingContext ctx) {
        return Answers.clientAddress(ctx, trustForwardedFor);
    }

    /**
     * Accepts a complaint once the broker holds it (202), or recognises a repeat of an external
     * reference (200). The body is never logged: it may hold a contact, which is dropped here.
     */
    private void submit(RoutingContext ctx) {
        Complaint complaint;
        try {
            JsonNode body = Answers.STRICT_JSON.readTree(Answers.body(ctx));
            Staff staff = Authentication.staff(ctx);
            complaint = intake.accept(body, clock.millis(), staff == null ? Filer.PUBLIC : Filer.STAFF);
        } catch (InvalidField e) {
            Answers.invalid(ctx, e);
            return;
        } catch (JsonProcessingException e) {
            Answers.invalid(ctx, unreadable(e));
            return;
        } catch (IOException e) {
            Answers.invalid(ctx, new InvalidField("body", "error.not-json"));
            return;
        }
        if (publisher == null) {
            error(ctx, 503, "error.complaint.no-broker");
            return;
        }
        if (complaint.externalRef != null) {
            ComplaintDesk.Claim earlier = desk.claim(complaint);
            if (earlier != null) {
                // The same reference is being accepted by another request: answer as it ends.
                earlier.outcome()
                        .whenComplete((accepted, failure) -> vertx.runOnContext(v -> {
                            if (Boolean.TRUE.equals(accepted)) {
                                json(ctx, 200, duplicate(earlier.complaint()));
                            } else {
                                error(ctx, 503, "error.not-stored");
                            }
                        }));
                return;
            }
        }
        vertx.executeBlocking(() -> desk.alreadyAccepted(complaint)).onComplete(seen -> {
            if (seen.failed()) {
                LOG.warn("complaint lookup failed: {}", seen.cause().getMessage());
                desk.settle(complaint.id, false);
                error(ctx, 503, "error.store-unavailable", "store", "complaint");
            } else if (seen.result().isPresent()) {
                desk.settle(complaint.id, true);
                json(ctx, 200, duplicate(seen.result().get()));
            } else {
                publish(ctx, complaint);
            }
        });
    }

    private void publish(RoutingContext ctx, Complaint complaint) {
        publisher
                .publish(complaint)
                .whenComplete((ok, failure) -> vertx.runOnContext(v -> {
                    if (failure != null) {
                        LOG.warn("complaint {} not handed to the broker: {}", complaint.id, failure.getMessage());
                        desk.settle(complaint.id, false);
                        error(ctx, 503, "error.not-stored");
                    } else {
                        desk.accepted(complaint);
                        desk.settle(complaint.id, true);
                        LOG.info(
                                "complaint {} accepted ({}, {}, {})",
                                complaint.id,
                                complaint.category,
                                complaint.town,
                                complaint.channel);
                        withClaimCode(ctx, complaint);
                    }
                }));
    }

    /**
     * The receipt with the complainant's claim code. The complaint is already with the broker: if the
     * code cannot be stored, it is still accepted, only without a code to follow it by.
     */
    private void withClaimCode(RoutingContext ctx, Complaint complaint) {
        vertx.executeBlocking(() -> followUp.issue(complaint)).onComplete(code -> {
            JsonObject receipt = receipt(complaint).put("duplicate", false);
            if (code.succeeded()) {
                receipt.put("claimCode", code.result())
                        .put(
                                "follow",
                                "GET /api/v1/complaints/status with header "
                                        + "X-Claim-Code: the code, shown once: EnvWatch keeps no contact to call back");
            } else {
                LOG.warn(
                        "claim code of complaint {} not stored: {}",
                        complaint.id,
                        code.cause().getMessage());
                receipt.putNull("claimCode");
            }
            json(ctx, 202, receipt);
        });
    }

    /** A complainant follows their complaint with the code alone; wrong codes cost the address a try. */
    private void status(RoutingContext ctx) {
        String client = Answers.clientAddress(ctx, trustForwardedFor);
        if (!wrongCodes.reserve(ctx, client)) {
            return;
        }
        String code = ctx.request().getHeader("X-Claim-Code");
        vertx.executeBlocking(() -> followUp.status(code)).onComplete(r -> {
            if (r.failed()) {
                wrongCodes.right(client);
                LOG.warn("complaint status lookup failed: {}", r.cause().getMessage());
                error(ctx, 503, "error.store-unavailable", "store", "complaint");
            } else if (r.result().isEmpty()) {
                error(ctx, 404, "error.no-claim");
            } else {
                wrongCodes.right(client);
                json(ctx, 200, r.result().get());
            }
        });
    }

    /** The receipt of a reference filed before: the complaint as it was accepted then. */
    private static JsonObject duplicate(ComplaintDesk.Accepted earlier) {
        return new JsonObject()
                .put("id", earlier.id())
                .put("status", "accepted")
                .put("category", earlier.category())
                .put("town", earlier.town())
                .put("contactStored", false)
                .put("duplicate", true);
    }

    private static JsonObject receipt(Complaint c) {
        return new JsonObject()
                .put("id", c.id)
                .put("status", "accepted")
                .put("category", c.category)
                .put("town", c.town)
                .put("contactStored", false);
    }

    private void listRepeatCases(RoutingContext ctx) {
        String query = repeatCases.query(ctx.request()::getParam);
        Answers.fromWorker(vertx, ctx, "repeat case", () -> repeatCases.find(query));
    }
}
