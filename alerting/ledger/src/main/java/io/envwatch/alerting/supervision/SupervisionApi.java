package io.envwatch.alerting.supervision;

import static io.envwatch.alerting.web.Answers.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.events.EventLog;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.district.InvalidField;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@code /api/v1/supervision}: the villages of the towns a person covers, those under special
 * supervision first, with the reasons, since when and the interviews; recording an interview.
 */
public final class SupervisionApi {
    static final int MAX_BODY_BYTES = 8 * 1024;

    private final Vertx vertx;
    private final Supervision supervision;

    public SupervisionApi(Vertx vertx, Supervision supervision) {
        this.vertx = vertx;
        this.supervision = supervision;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(this::list);
        router.post("/:village/interviews")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::interview)
                .failureHandler(ctx -> Answers.failedBody(ctx, MAX_BODY_BYTES));
        return router;
    }

    private void list(RoutingContext ctx) {
        Staff staff = Authentication.staff(ctx);
        JsonArray list = new JsonArray();
        for (Supervision.State s : supervision.all()) {
            if (!staff.towns().isEmpty() && !staff.towns().contains(s.village().town())) {
                continue;
            }
            JsonArray interviews = new JsonArray();
            s.interviews().forEach(i -> interviews.add(interview(i)));
            list.add(new JsonObject()
                    .put("village", s.village().id())
                    .put("name", s.village().name())
                    .put("town", s.village().town())
                    .put("supervised", s.supervised())
                    .put("since", s.since())
                    .put("reasons", s.reasons())
                    .put("cleanMonths", s.cleanMonths())
                    .put("releasedOn", s.releasedOn())
                    .put("lastChecked", s.lastChecked())
                    .put("interviews", interviews));
        }
        json(ctx, 200, list);
    }

    private void interview(RoutingContext ctx) {
        JsonNode body = Answers.jsonObject(ctx, "interviewee", "findings", "commitments", "nextCheck");
        String interviewee = Answers.required(body, "interviewee");
        String findings = Answers.required(body, "findings");
        String commitments = Answers.required(body, "commitments");
        String next = Answers.text(body, "nextCheck");
        LocalDate nextCheck;
        try {
            nextCheck = next == null ? null : LocalDate.parse(next);
        } catch (DateTimeParseException e) {
            throw new InvalidField("nextCheck", "error.local-date");
        }
        Staff staff = Authentication.staff(ctx);
        String village = ctx.pathParam("village");
        vertx.executeBlocking(
                        () -> supervision.interview(village, staff, interviewee, findings, commitments, nextCheck))
                .onComplete(r -> {
                    if (r.failed()) {
                        ctx.fail(EventLog.cause(r.cause()));
                    } else {
                        json(ctx, 201, interview(r.result()).put("village", village));
                    }
                });
    }

    private static JsonObject interview(Supervision.Interview i) {
        return new JsonObject()
                .put("at", Instant.ofEpochMilli(i.at()).toString())
                .put("by", i.by())
                .put("interviewee", i.interviewee())
                .put("findings", i.findings())
                .put("commitments", i.commitments())
                .put("nextCheck", i.nextCheck());
    }
}
