package io.envwatch.alerting.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Cases as the API and the console show them; times are ISO-8601 instants. */
public final class CaseJson {
    private CaseJson() {}

    public static JsonObject summary(Case c, long now, CaseBook book) {
        return new JsonObject()
                .put("id", c.id())
                .put("state", c.state().wireName())
                .put("town", c.town())
                .put("source", c.source())
                .put("cause", c.cause())
                .put("households", c.households())
                .put("unit", c.unit())
                .put("homes", new JsonArray(c.homes()))
                .put("peopleInvolved", c.people().involved())
                .put("keyPersons", new JsonArray(c.people().keyPersons()))
                .put("forecast", c.people().forecast())
                .put("owner", c.owner())
                .put("ownerLevel", c.ownerLevel())
                .put("opinion", c.opinion())
                .put(
                        "deadline",
                        c.deadline() > 0 ? Instant.ofEpochMilli(c.deadline()).toString() : null)
                .put("escalated", c.escalated())
                .put("reviewOverdue", c.reviewOverdue(now, book.zone()))
                .put("overdue", c.overdue(now, book.zone()))
                .put("openedAt", Instant.ofEpochMilli(c.openedAt()).toString())
                .put(
                        "closedAt",
                        c.closedAt() > 0 ? Instant.ofEpochMilli(c.closedAt()).toString() : null)
                .put("repeatCases", new JsonArray(c.repeatCases().stream().toList()))
                .put("patrolFindings", new JsonArray(c.patrolFindings().stream().toList()));
    }

    /** The summary, the evidence period as it stands, the reviews and the timeline (who and when). */
    public static JsonObject detail(Case c, CaseBook.Evidence evidence, long now, CaseBook book) {
        JsonArray timeline = new JsonArray();
        for (CaseEvent e : c.timeline()) {
            JsonObject entry = new JsonObject()
                    .put("at", Instant.ofEpochSecond(0, e.timeNanos()).toString())
                    .put("action", e.action().wireName())
                    .put("state", e.state().wireName())
                    .put("by", e.actor());
            putIfSet(entry, "note", e.note());
            putIfSet(entry, "opinion", e.opinion());
            putIfSet(entry, "findings", e.findings());
            putIfSet(entry, "nextSteps", e.nextSteps());
            putIfSet(entry, "repeatCase", e.repeatCase());
            putIfSet(entry, "patrolFinding", e.patrolFinding());
            putIfSet(entry, "escalatedTo", e.escalatedTo());
            if (e.action() == CaseAction.PEOPLE && e.people() != null) {
                entry.put("peopleInvolved", e.people().involved())
                        .put("keyPersons", new JsonArray(e.people().keyPersons()));
                putIfSet(entry, "forecast", e.people().forecast());
            }
            if (e.deadline() > 0) {
                entry.put("deadline", Instant.ofEpochMilli(e.deadline()).toString());
            }
            timeline.add(entry);
        }
        JsonArray reviews = new JsonArray();
        c.reviews()
                .forEach(r -> reviews.add(new JsonObject()
                        .put("at", Instant.ofEpochMilli(r.at()).toString())
                        .put("by", r.by())
                        .put("findings", r.findings())
                        .put("nextSteps", r.nextSteps())));
        long closable = book.closableFrom(c, evidence);
        JsonObject period = new JsonObject()
                .put("period", book.settings().evidencePeriod().toString())
                .put("periodDays", book.settings().evidencePeriod().toDays())
                .put(
                        "lastExceedance",
                        evidence.lastExceedance() > 0
                                ? Instant.ofEpochMilli(evidence.lastExceedance())
                                        .toString()
                                : null)
                .put(
                        "lastCorroboratedComplaint",
                        evidence.lastCorroboratedComplaint() > 0
                                ? Instant.ofEpochMilli(evidence.lastCorroboratedComplaint())
                                        .toString()
                                : null)
                .put(
                        "quietSince",
                        Instant.ofEpochMilli(CaseBook.quietSince(c, evidence)).toString())
                .put("closableFrom", Instant.ofEpochMilli(closable).toString())
                .put("met", now >= closable);
        return summary(c, now, book)
                .put("evidence", period)
                .put("reviews", reviews)
                .put("timeline", timeline);
    }

    private static void putIfSet(JsonObject o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
