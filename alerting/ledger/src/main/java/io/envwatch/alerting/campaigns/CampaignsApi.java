package io.envwatch.alerting.campaigns;

import static io.envwatch.alerting.web.Answers.error;
import static io.envwatch.alerting.web.Answers.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.district.InvalidField;
import io.envwatch.district.complaints.ComplaintCategory;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import io.envwatch.district.registry.Town;
import io.envwatch.district.schema.CampaignPoint;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/campaigns}: the duty leader defines a campaign (towns, categories, industries,
 * period, baseline period, targets, tip reward multiplier); everyone signed in reads the list and
 * each campaign's progress per town against each target, the baseline's figure beside the current.
 */
public final class CampaignsApi {
    static final int MAX_BODY_BYTES = 8 * 1024;

    private final Vertx vertx;
    private final Registry registry;
    private final Campaigns campaigns;
    private final Clock clock;
    private final ZoneId zone;
    private final Set<String> industries;

    public CampaignsApi(Vertx vertx, Registry registry, Campaigns campaigns, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.campaigns = campaigns;
        this.clock = clock;
        this.zone = registry.localTime().zoneId();
        this.industries = registry.sites().stream()
                .map(Site::industry)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(ctx -> {
            JsonArray list = new JsonArray();
            campaigns.all().forEach(c -> list.add(definition(c)));
            json(ctx, 200, list);
        });
        router.get("/:id").handler(this::progress);
        router.post("/")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::define)
                .failureHandler(ctx -> Answers.failedBody(ctx, MAX_BODY_BYTES));
        return router;
    }

    private void define(RoutingContext ctx) {
        Staff staff = Authentication.staff(ctx);
        if (staff.role() != Role.DUTY_LEADER) {
            error(ctx, 403, "refused.campaign.leader");
            return;
        }
        CampaignPoint campaign;
        JsonNode body = Answers.jsonObject(
                ctx,
                "name",
                "towns",
                "categories",
                "industries",
                "from",
                "until",
                "baselineFrom",
                "baselineUntil",
                "targets",
                "tipMultiplier");
        List<String> towns =
                list(body, "towns", registry.towns().stream().map(Town::id).collect(Collectors.toSet()), true);
        List<String> categories = list(body, "categories", ComplaintCategory.WIRE_NAMES, true);
        List<String> inScope = list(body, "industries", industries, false);
        long start = day(body, "from");
        long end = day(body, "until") + 86_400_000L;
        long baselineStart = day(body, "baselineFrom");
        long baselineEnd = day(body, "baselineUntil") + 86_400_000L;
        if (end <= start) {
            throw new InvalidField("until", "error.campaign.until");
        }
        if (baselineEnd <= baselineStart || baselineEnd > start) {
            throw new InvalidField("baselineUntil", "error.campaign.baseline");
        }
        JsonNode targets = body.path("targets");
        double complaints = percent(targets, "complaints");
        double escalated = percent(targets, "escalated");
        JsonNode multiplier = body.path("tipMultiplier");
        if (!multiplier.isMissingNode()
                && (!multiplier.isNumber() || multiplier.asDouble() < 1 || multiplier.asDouble() > 10)) {
            throw new InvalidField("tipMultiplier", "error.number-range", "min", 1, "max", 10);
        }
        long now = clock.millis();
        campaign = new CampaignPoint(
                campaigns.newId(now),
                Answers.required(body, "name"),
                towns,
                categories,
                inScope,
                start,
                end,
                baselineStart,
                baselineEnd,
                complaints,
                escalated,
                multiplier.asDouble(1.0),
                staff.name(),
                now * 1_000_000L);
        CampaignPoint defined = campaign;
        vertx.executeBlocking(() -> campaigns.define(defined)).onComplete(r -> {
            if (r.failed()) {
                error(ctx, 503, "error.not-stored");
            } else {
                json(ctx, 201, definition(r.result()));
            }
        });
    }

    private void progress(RoutingContext ctx) {
        CampaignPoint c = campaigns.get(ctx.pathParam("id")).orElse(null);
        if (c == null) {
            error(ctx, 404, "refused.campaign.none", "id", ctx.pathParam("id"));
            return;
        }
        Answers.fromWorker(vertx, ctx, "campaign", () -> {
            JsonArray rows = new JsonArray();
            for (Campaigns.Progress p : campaigns.progress(c)) {
                rows.add(new JsonObject()
                        .put("town", p.town())
                        .put("target", p.target())
                        .put("baseline", p.baseline())
                        .put("current", p.current())
                        .put("changePercent", p.changePercent())
                        .put("goalPercent", p.goalPercent())
                        .put("met", p.met()));
            }
            return definition(c).put("asOf", clock.instant().toString()).put("progress", rows);
        });
    }

    private JsonObject definition(CampaignPoint c) {
        return new JsonObject()
                .put("id", c.campaign())
                .put("name", c.name())
                .put("towns", new JsonArray(c.towns()))
                .put("categories", new JsonArray(c.categories()))
                .put("industries", new JsonArray(c.industries()))
                .put("from", local(c.start()))
                .put("until", local(c.end() - 1))
                .put("baselineFrom", local(c.baselineStart()))
                .put("baselineUntil", local(c.baselineEnd() - 1))
                .put(
                        "targets",
                        new JsonObject().put("complaints", c.complaintsTarget()).put("escalated", c.escalatedTarget()))
                .put("tipMultiplier", c.tipMultiplier())
                .put("definedBy", c.definedBy());
    }

    private String local(long at) {
        return Instant.ofEpochMilli(at).atZone(zone).toLocalDate().toString();
    }

    private long day(JsonNode body, String field) {
        try {
            return LocalDate.parse(Answers.required(body, field))
                    .atStartOfDay(zone)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new InvalidField(field, "error.local-date");
        }
    }

    private static double percent(JsonNode targets, String field) {
        JsonNode v = targets.get(field);
        if (v == null || !v.isNumber() || v.asDouble() < -100 || v.asDouble() > 100) {
            throw new InvalidField("targets." + field, "error.campaign.percent");
        }
        return v.asDouble();
    }

    private static List<String> list(JsonNode body, String field, Set<String> allowed, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidField(field, "error.required");
            }
            return List.of();
        }
        if (!node.isArray() || (required && node.isEmpty())) {
            throw new InvalidField(field, required ? "error.list-not-empty" : "error.list");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode v : node) {
            if (values.contains(v.asText())) {
                throw new InvalidField(field, "error.twice", "value", v.asText());
            }
            if (!allowed.contains(v.asText())) {
                throw new InvalidField(
                        field,
                        "error.unknown-entry",
                        "value",
                        v.asText(),
                        "known",
                        String.join(", ", allowed.stream().sorted().toList()));
            }
            values.add(v.asText());
        }
        return values;
    }
}
