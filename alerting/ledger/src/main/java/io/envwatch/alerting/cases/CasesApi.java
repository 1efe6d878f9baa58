package io.envwatch.alerting.cases;

import static io.envwatch.alerting.web.Answers.error;
import static io.envwatch.alerting.web.Answers.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.events.EventLog;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.district.InvalidField;
import io.envwatch.district.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/cases}: the bureau's ledger. List (town, state, owner, overdue), detail with the
 * evidence period and timeline, open by hand, and the transitions (plan, verify, close-out,
 * review), each carried out on the case ledger's thread.
 */
public final class CasesApi {
    private static final Logger LOG = LoggerFactory.getLogger(CasesApi.class);
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final Vertx vertx;
    private final Registry registry;
    private final CaseLedger ledger;
    private final CaseBook book;
    private final Clock clock;

    public CasesApi(Vertx vertx, Registry registry, CaseLedger ledger, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.ledger = ledger;
        this.book = ledger.book();
        this.clock = clock;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::list);
        router.get("/:id").handler(this::detail);
        router.post()
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .failureHandler(ctx -> Answers.failedBody(ctx, MAX_BODY_BYTES));
        router.post("/").handler(this::open);
        router.post("/:id/:verb").handler(this::transition);
        return router;
    }

    private void list(RoutingContext ctx) {
        Predicate<Case> filter = filter(ctx);
        Staff staff = Authentication.staff(ctx);
        long now = clock.millis();
        JsonArray list = new JsonArray();
        book.find(c -> book.sees(staff, c) && filter.test(c)).forEach(c -> list.add(CaseJson.summary(c, now, book)));
        json(ctx, 200, list);
    }

    private Predicate<Case> filter(RoutingContext ctx) {
        List<Predicate<Case>> all = new ArrayList<>();
        String town = ctx.request().getParam("town");
        if (town != null) {
            if (registry.town(town).isEmpty()) {
                throw new InvalidField("town", "error.unknown-town", "town", town);
            }
            all.add(c -> town.equals(c.town()));
        }
        String state = ctx.request().getParam("state");
        if (state != null) {
            CaseState s = CaseState.fromWire(state)
                    .orElseThrow(() -> new InvalidField(
                            "state", "error.one-of", "allowed", "open, rectifying, verifying, closed-out"));
            all.add(c -> c.state() == s);
        }
        String owner = ctx.request().getParam("owner");
        if (owner != null) {
            all.add(c -> owner.equals(c.owner()));
        }
        String overdue = ctx.request().getParam("overdue");
        if (overdue != null) {
            if (!overdue.equals("true") && !overdue.equals("false")) {
                throw new InvalidField("overdue", "error.true-or-false");
            }
            boolean wanted = Boolean.parseBoolean(overdue);
            long now = clock.millis();
            all.add(c -> c.overdue(now, book.zone()) == wanted);
        }
        return all.stream().reduce(c -> true, Predicate::and);
    }

    private void detail(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Staff staff = Authentication.staff(ctx);
        Case c = book.get(id).filter(found -> book.sees(staff, found)).orElse(null);
        if (c == null) {
            error(ctx, 404, "refused.case.none", "id", id);
            return;
        }
        // The evidence is read before the book is locked: a slow InfluxDB must not hold up the ledger.
        Answers.fromWorker(vertx, ctx, "case evidence", () -> {
            CaseBook.Evidence evidence = ledger.evidence().of(c.source());
            long now = clock.millis();
            return book.read(b -> CaseJson.detail(b.get(id).orElseThrow(), evidence, now, b)
                    .put("actions", new JsonArray(b.allowedSteps(id, staff, evidence, now))));
        });
    }

    private void open(RoutingContext ctx) {
        CaseBook.Opening opening;
        JsonNode body = Answers.jsonObject(
                ctx,
                "town",
                "source",
                "cause",
                "households",
                "unit",
                "homes",
                "note",
                "peopleInvolved",
                "keyPersons",
                "forecast",
                "patrolFinding");
        String town = Answers.required(body, "town");
        if (registry.town(town).isEmpty()) {
            throw new InvalidField("town", "error.unknown-town", "town", town);
        }
        List<String> homes = new ArrayList<>();
        JsonNode given = body.path("homes");
        if (!given.isMissingNode() && !given.isArray()) {
            throw new InvalidField("homes", "error.homes");
        }
        for (JsonNode h : given) {
            if (registry.building(h.asText()).isEmpty()) {
                throw new InvalidField("homes", "error.unknown-building", "building", h.asText());
            }
            homes.add(h.asText());
        }
        long households = Answers.whole(body, "households", 0, 0, 10_000_000);
        opening = new CaseBook.Opening(
                source(Answers.required(body, "source"), town),
                town,
                Answers.required(body, "cause"),
                households,
                Answers.text(body, "unit"),
                homes,
                Answers.text(body, "note"),
                people(body));
        String finding = Answers.text(body, "patrolFinding");
        Staff staff = Authentication.staff(ctx);
        Future.fromCompletionStage(
                        finding == null ? ledger.open(opening, staff) : ledger.open(opening, staff, finding),
                        vertx.getOrCreateContext())
                .onComplete(result -> {
                    if (result.failed()) {
                        ctx.fail(EventLog.cause(result.cause()));
                        return;
                    }
                    Case c = result.result();
                    boolean joined = c.timeline().get(c.timeline().size() - 1).action() == CaseAction.LINKED;
                    json(
                            ctx,
                            joined ? 200 : 201,
                            CaseJson.summary(c, clock.millis(), book).put("joined", joined));
                });
    }

    private void transition(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Staff staff = Authentication.staff(ctx);
        CompletableFuture<Case> done;
        String verb = ctx.pathParam("verb");
        JsonNode body = Answers.jsonObject(
                ctx,
                switch (verb) {
                    case "plan" -> new String[] {"opinion", "deadline"};
                    case "review" -> new String[] {"findings", "nextSteps"};
                    case "people" -> new String[] {"peopleInvolved", "keyPersons", "forecast"};
                    case "finding" -> new String[] {"patrolFinding"};
                    default -> new String[] {"note"};
                });
        done = switch (verb) {
            case "plan" -> ledger.plan(id, Answers.required(body, "opinion"), deadline(body, "deadline"), staff);
            case "verify" -> ledger.verify(id, staff, Answers.text(body, "note"));
            case "close-out" -> ledger.closeOut(id, staff, Answers.text(body, "note"));
            case "review" ->
                ledger.review(id, staff, Answers.required(body, "findings"), Answers.required(body, "nextSteps"));
            case "people" -> ledger.people(id, staff, people(body));
            case "finding" -> ledger.takeFinding(id, Answers.required(body, "patrolFinding"), staff);
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
                    "plan, verify, close-out, review, people, finding");
            return;
        }
        Answers.step(vertx, ctx, done, 200, c -> CaseJson.summary(c, clock.millis(), book));
    }

    /** Who a case concerns, as staff gave it (each part optional). */
    private static People people(JsonNode body) {
        JsonNode given = body.path("keyPersons");
        if (!given.isMissingNode() && !given.isNull() && !given.isArray()) {
            throw new InvalidField("keyPersons", "error.case.key-person", "example", "KP-7F3A21");
        }
        List<String> keyPersons = new ArrayList<>();
        for (JsonNode k : given) {
            if (!k.isTextual()) {
                throw new InvalidField("keyPersons", "error.case.key-person", "example", "KP-7F3A21");
            }
            keyPersons.add(k.asText());
        }
        return People.of(
                Answers.whole(body, "peopleInvolved", 0, 0, People.MAX_INVOLVED),
                keyPersons,
                Answers.text(body, "forecast"));
    }

    /** A rectification deadline: an instant within the next ten years (a plan beyond that is no plan). */
    private long deadline(JsonNode body, String field) {
        String value = Answers.required(body, field);
        long at;
        try {
            at = Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new InvalidField(field, "error.instant", "example", "2026-12-31T16:00:00Z");
        }
        if (at > clock.instant().plus(Duration.ofDays(3653)).toEpochMilli()) {
            throw new InvalidField(field, "error.within-ten-years");
        }
        return at;
    }

    /**
     * A case's source as the registry spells it: a site or a building, whatever the case it was
     * typed in. Free text would find no evidence, never reopen, and let a second case about the same
     * source slip past the one open already.
     */
    private String source(String given, String town) {
        record Place(String id, String town) {}
        Place place = registry.sites().stream()
                .filter(s -> s.id().equalsIgnoreCase(given))
                .map(s -> new Place(s.id(), s.town()))
                .findFirst()
                .or(() -> registry.buildings().stream()
                        .filter(b -> b.id().equalsIgnoreCase(given))
                        .map(b -> new Place(b.id(), b.town()))
                        .findFirst())
                .orElseThrow(() -> new InvalidField("source", "error.case.source", "given", given));
        if (!place.town().equals(town)) {
            throw new InvalidField(
                    "town", "error.case.source-town", "place", place.id(), "placeTown", place.town(), "town", town);
        }
        return place.id();
    }
}
