package io.envwatch.alerting.alerts;

import static io.envwatch.alerting.web.Answers.error;
import static io.envwatch.alerting.web.Answers.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.notifications.DeliveryLog;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.district.InvalidField;
import io.envwatch.district.language.Words;
import io.envwatch.district.registry.Registry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/alerts}: the queue, one alert with its deliveries, its evidence series, and the
 * commands people give it (ack, dispatch, on-scene, resolve), carried out on the ledger's thread.
 */
public final class AlertsApi {
    private static final Logger LOG = LoggerFactory.getLogger(AlertsApi.class);
    static final int MAX_COMMAND_BYTES = 8 * 1024;

    private final Vertx vertx;
    private final Registry registry;
    private final AlertLedger ledger;
    private final AlertBook book;
    private final EvidenceQueries evidence;
    private final DeliveryLog deliveries;
    private final Clock clock;

    public AlertsApi(
            Vertx vertx,
            Registry registry,
            AlertLedger ledger,
            EvidenceQueries evidence,
            DeliveryLog deliveries,
            Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.ledger = ledger;
        this.book = ledger.book();
        this.evidence = evidence;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::list);
        router.get("/:id").handler(this::alert);
        router.get("/:id/evidence").handler(this::evidence);
        router.post("/:id/:verb")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_COMMAND_BYTES))
                .handler(this::command)
                .failureHandler(ctx -> Answers.failedBody(ctx, MAX_COMMAND_BYTES));
        return router;
    }

    private void list(RoutingContext ctx) {
        AlertFilter filter = AlertFilter.parse(ctx.request()::getParam, registry, clock.instant());
        Staff staff = Authentication.staff(ctx);
        Words words = Answers.words(ctx);
        json(ctx, 200, book.read(b -> {
            JsonArray list = new JsonArray();
            b.find(filter).stream()
                    .filter(a -> staff.seesAlertsOf(a.incident().town()))
                    .forEach(a -> list.add(AlertJson.summary(a, b, words)));
            return list;
        }));
    }

    private void alert(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Staff staff = Authentication.staff(ctx);
        JsonObject detail = book.read(b -> b.get(id)
                .filter(a -> staff.seesAlertsOf(a.incident().town()))
                .map(a -> AlertJson.detail(a, b, Answers.words(ctx)))
                .orElse(null));
        if (detail == null) {
            error(ctx, 404, "refused.alert.none", "id", id);
            return;
        }
        JsonArray sent = new JsonArray();
        deliveries.latest(false, id).forEach(d -> sent.add(JsonObject.mapFrom(d)));
        json(
                ctx,
                200,
                detail.put("deliveries", sent)
                        .put("actions", new JsonArray(book.allowedVerbs(id, Authentication.staff(ctx)))));
    }

    private void evidence(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        IncidentSnapshot about = book.read(b -> b.get(id).map(a -> a.incident()).orElse(null));
        if (about == null) {
            error(ctx, 404, "refused.alert.none", "id", id);
            return;
        }
        Answers.fromWorker(
                vertx,
                ctx,
                "evidence",
                () -> evidence.series(about.site(), about.quantity(), about.openedAt(), about.limit(), clock.millis()));
    }

    /** ack, dispatch, on-scene, resolve: with an optional JSON body {"note": ..., "code": ...}. */
    private void command(RoutingContext ctx) {
        AlertAction action = Command.actionOf(ctx.pathParam("verb"));
        if (action == null) {
            error(
                    ctx,
                    404,
                    "error.no-step",
                    "step",
                    ctx.pathParam("verb"),
                    "steps",
                    "ack, dispatch, on-scene, resolve");
            return;
        }
        Command command = commandOf(action, Answers.body(ctx));
        String id = ctx.pathParam("id");
        Staff staff = Authentication.staff(ctx);
        Answers.step(
                vertx,
                ctx,
                ledger.command(id, command, staff),
                200,
                a -> book.read(b -> AlertJson.summary(a, b, Answers.words(ctx))
                        .put("actions", new JsonArray(b.allowedVerbs(id, staff)))));
    }

    private static Command commandOf(AlertAction action, byte[] body) {
        JsonNode json = Answers.jsonObject(body, "note", "code");
        String note = textOrNull(json, "note");
        if (note != null && note.length() > Command.MAX_NOTE) {
            throw new InvalidField("note", "error.too-long", "max", Command.MAX_NOTE);
        }
        String code = textOrNull(json, "code");
        if (action == AlertAction.RESOLVED) {
            if (code == null || !Command.RESOLUTION_CODES.contains(code)) {
                throw new InvalidField(
                        "code",
                        "error.alert.resolve-code",
                        "allowed",
                        String.join(
                                ", ", Command.RESOLUTION_CODES.stream().sorted().toList()));
            }
        } else if (code != null) {
            throw new InvalidField("code", "error.alert.code-only-resolve");
        }
        return new Command(action, code, note);
    }

    private static String textOrNull(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidField(field, "error.not-text");
        }
        return Answers.unseen(node.asText()) ? null : node.asText();
    }
}
