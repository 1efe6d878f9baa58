package io.envwatch.alerting.tips;

import static io.envwatch.alerting.web.Answers.error;
import static io.envwatch.alerting.web.Answers.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.events.Refused;
import io.envwatch.alerting.intake.IntakeLimits;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.alerting.web.WrongCodes;
import io.envwatch.district.InvalidField;
import io.envwatch.district.language.Language;
import io.envwatch.district.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewarded anonymous tips. In public: file a tip (answered with a claim code, shown once), read its
 * status and claim the reward with the code in the {@code X-Claim-Code} header (never in a URL,
 * so no log holds it); wrong codes are limited per address. For staff: the list (no text), one tip
 * with its text and findings for those who may read it (each read recorded), the verification and
 * payout steps, and the month's figures.
 */
public final class TipsApi {
    private static final Logger LOG = LoggerFactory.getLogger(TipsApi.class);
    static final int MAX_BODY_BYTES = 16 * 1024;
    public static final String CLAIM_HEADER = "X-Claim-Code";

    private final Vertx vertx;
    private final Registry registry;
    private final TipLedger ledger;
    private final TipBook book;
    private final IntakeLimits.Gate intake;
    private final WrongCodes wrongCodes;
    private final boolean trustForwardedFor;
    /** The service's clock: the month of the figures is the district's month now, as the service tells time. */
    private final Clock clock;

    /**
     * @param publicIntake shared with the complaints, so one address has one budget for all it files
     * @param wrongCodes shared with the complaints' follow-up, so one address has one budget of guesses
     */
    public TipsApi(
            Vertx vertx,
            Registry registry,
            TipLedger ledger,
            IntakeLimits intakeLimits,
            IntakeLimits.Gate publicIntake,
            WrongCodes wrongCodes,
            Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
        this.registry = registry;
        this.ledger = ledger;
        this.book = ledger.book();
        this.intake = publicIntake;
        this.wrongCodes = wrongCodes;
        this.trustForwardedFor = intakeLimits.trustForwardedFor();
    }

    /** Anyone: file, follow, claim. Mounted before sign-in. */
    public Router publicRouter() {
        Router router = Router.router(vertx);
        router.post()
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .failureHandler(ctx -> Answers.failedBody(ctx, MAX_BODY_BYTES));
        router.post("/").handler(this::receive);
        router.get("/status").handler(this::status);
        router.post("/claim").handler(this::claim);
        return router;
    }

    /** Signed-in staff. */
    public Router staffRouter() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::list);
        router.get("/figures").handler(this::figures);
        router.get("/:id").handler(this::detail);
        router.post()
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .failureHandler(ctx -> Answers.failedBody(ctx, MAX_BODY_BYTES));
        router.post("/:id/:verb").handler(this::transition);
        return router;
    }

    private void receive(RoutingContext ctx) {
        IntakeLimits.Decision admitted = intake.admit(Answers.clientAddress(ctx, trustForwardedFor), System.nanoTime());
        if (!admitted.admitted()) {
            ctx.response().putHeader("Retry-After", Long.toString(admitted.retryAfterSeconds()));
            error(ctx, 429, "error.too-many", "limit", admitted.limit(), "seconds", admitted.retryAfterSeconds());
            return;
        }
        String tipClass;
        String town;
        String text;
        JsonNode body = Answers.jsonObject(ctx, "class", "town", "text");
        tipClass = Answers.required(body, "class");
        if (book.settings().tipClass(tipClass).isEmpty()) {
            throw new InvalidField(
                    "class",
                    "error.one-of",
                    "allowed",
                    String.join(
                            ", ",
                            book.settings().classes().stream()
                                    .map(TipSettings.TipClass::id)
                                    .toList()));
        }
        town = Answers.required(body, "town");
        if (registry.town(town).isEmpty()) {
            throw new InvalidField("town", "error.unknown-town", "town", town);
        }
        text = Answers.required(body, "text");
        Future.fromCompletionStage(ledger.receive(tipClass, town, text), vertx.getOrCreateContext())
                .onComplete(r -> {
                    if (r.failed()) {
                        LOG.warn("tip not stored: {}", r.cause().toString());
                        error(ctx, 503, "error.not-stored");
                        return;
                    }
                    json(
                            ctx,
                            201,
                            new JsonObject()
                                    .put("tip", r.result().event().tip())
                                    .put("status", "received")
                                    .put("claimCode", r.result().claimCode())
                                    .put(
                                            "keep",
                                            "This code is shown once and is the only way to follow the tip and claim its reward."));
                });
    }

    private void status(RoutingContext ctx) {
        withCode(ctx, ledger::byCode, tip -> json(ctx, 200, tipsterView(tip)));
    }

    private void claim(RoutingContext ctx) {
        withCode(ctx, ledger::claim, tip -> json(ctx, 200, tipsterView(tip)));
    }

    /** A wrong code reads nothing, answers as an unknown one does, and costs the address one of its tries. */
    private void withCode(
            RoutingContext ctx, Function<String, CompletableFuture<Optional<Tip>>> lookup, Consumer<Tip> found) {
        String client = Answers.clientAddress(ctx, trustForwardedFor);
        if (!wrongCodes.reserve(ctx, client)) {
            return;
        }
        String code = ctx.request().getHeader(CLAIM_HEADER);
        Future.fromCompletionStage(lookup.apply(code), vertx.getOrCreateContext())
                .onComplete(r -> {
                    if (r.succeeded() && r.result().isPresent()) {
                        wrongCodes.right(client);
                        found.accept(r.result().get());
                        return;
                    }
                    Throwable cause =
                            r.failed() && r.cause() instanceof CompletionException ce ? ce.getCause() : r.cause();
                    if (cause instanceof Refused refused) {
                        // Only a right code reaches a refusal (a claim at the wrong time).
                        wrongCodes.right(client);
                        error(ctx, Answers.status(refused.reason()), refused.phrase());
                        return;
                    }
                    if (r.failed()) {
                        wrongCodes.right(client);
                        error(ctx, 503, "error.store-unavailable", "store", "tips");
                        return;
                    }
                    error(ctx, 404, "error.no-claim");
                });
    }

    /** What the tipster reads: the state, the reward, no text, no findings, no names. */
    private static JsonObject tipsterView(Tip tip) {
        return new JsonObject()
                .put("tip", tip.id())
                .put("status", tip.state().wireName())
                .put("class", tip.tipClass())
                .put("receivedAt", Instant.ofEpochMilli(tip.receivedAt()).toString())
                .put("reward", tip.reward() > 0 ? tip.reward() : null);
    }

    /** What staff read of a tip, its class named in {@code language}. */
    private JsonObject staffView(Tip tip, Language language) {
        return tipsterView(tip)
                .put(
                        "className",
                        book.settings()
                                .tipClass(tip.tipClass())
                                .map(c -> c.name(language))
                                .orElse(tip.tipClass()))
                .put("town", tip.town())
                .put("daysToPayout", tip.daysToPayout() < 0 ? null : tip.daysToPayout())
                .put("reads", tip.reads().size());
    }

    private void list(RoutingContext ctx) {
        Staff staff = Authentication.staff(ctx);
        JsonArray list = new JsonArray();
        Language language = Answers.words(ctx).language();
        book.find(t -> book.mayRead(staff, t) || book.mayList(staff)).forEach(t -> list.add(staffView(t, language)));
        json(ctx, 200, list);
    }

    private void detail(RoutingContext ctx) {
        Staff staff = Authentication.staff(ctx);
        Answers.step(vertx, ctx, ledger.read(ctx.pathParam("id"), staff), 200, tip -> {
            JsonArray reads = new JsonArray();
            tip.reads()
                    .forEach(r -> reads.add(new JsonObject()
                            .put("at", Instant.ofEpochMilli(r.at()).toString())
                            .put("by", r.by())));
            // Who did what, the tipster's steps under "tipster": no one else's name is kept for them.
            JsonArray timeline = new JsonArray();
            tip.timeline()
                    .forEach(e -> timeline.add(new JsonObject()
                            .put("at", Instant.ofEpochSecond(0, e.timeNanos()).toString())
                            .put("action", e.action().wireName())
                            .put("by", e.actor())
                            .put("reward", e.reward() > 0 ? e.reward() : null)));
            return staffView(tip, Answers.words(ctx).language())
                    .put("timeline", timeline)
                    .put("text", book.text(tip))
                    .put("findings", book.findings(tip))
                    .put("readLog", reads)
                    .put("actions", new JsonArray(book.allowedSteps(tip.id(), staff)));
        });
    }

    private void transition(RoutingContext ctx) {
        Staff staff = Authentication.staff(ctx);
        String id = ctx.pathParam("id");
        CompletableFuture<Tip> done;
        JsonNode body = Answers.jsonObject(
                ctx,
                "verify".equals(ctx.pathParam("verb")) ? new String[] {"substantiated", "findings"} : new String[0]);
        done = switch (ctx.pathParam("verb")) {
            case "investigate" -> ledger.investigate(id, staff);
            case "verify" -> {
                JsonNode s = body.get("substantiated");
                if (s == null || !s.isBoolean()) {
                    throw new InvalidField("substantiated", "error.true-or-false");
                }
                yield ledger.verify(id, staff, s.asBoolean(), Answers.required(body, "findings"));
            }
            case "reward" -> ledger.decideReward(id, staff);
            case "pay" -> ledger.pay(id, staff);
            default -> null;
        };
        if (done == null) {
            error(
                    ctx,
                    404,
                    "error.no-step",
                    "step",
                    ctx.pathParam("verb"),
                    "steps",
                    "investigate, verify, reward, pay");
            return;
        }
        Language language = Answers.words(ctx).language();
        Answers.step(vertx, ctx, done, 200, tip -> staffView(tip, language));
    }

    private void figures(RoutingContext ctx) {
        YearMonth month;
        YearMonth current =
                YearMonth.from(clock.instant().atZone(registry.localTime().zoneId()));
        month = Answers.month(ctx.request().getParam("month"), current, current);
        JsonArray towns = new JsonArray();
        for (TipLedger.Figures f : ledger.figures(month)) {
            towns.add(JsonObject.mapFrom(f));
        }
        json(ctx, 200, new JsonObject().put("month", month.toString()).put("towns", towns));
    }
}
