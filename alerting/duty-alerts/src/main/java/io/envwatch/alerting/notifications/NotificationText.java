package io.envwatch.alerting.notifications;

import io.envwatch.district.language.Voice;
import io.envwatch.district.language.Words;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A notification in words for people's media, each cut to its medium: a title and a few lines
 * (the robots' markdown, an e-mail's text and HTML), and one short line for SMS. Every form ends
 * with the console link that opens the alert or case. Words are the district's language, times its wall clock.
 */
public record NotificationText(String title, List<String> lines, String shortText, String link, Words words) {

    /**
     * The words of a notification in the district's language, times on its wall clock;
     * {@code consoleUrl} is where the duty room opens the console.
     */
    public static NotificationText of(Notification n, String consoleUrl, Voice voice) {
        Words words = voice.words();
        String base = consoleUrl.replaceAll("/+$", "");
        JsonObject s = n.subject();
        String kind = n.event().substring(0, n.event().indexOf('.'));
        String what = n.event().substring(n.event().indexOf('.') + 1);
        List<String> lines = new ArrayList<>();
        return switch (kind) {
            case "alert" -> {
                JsonObject display = s.getJsonObject("display", new JsonObject());
                JsonObject deadline = s.getJsonObject("deadline");
                String deadlineText = deadline == null
                        ? null
                        : words.text(
                                "notify.deadline." + deadline.getString("name"),
                                "at",
                                voice.wallClock(
                                        Instant.parse(deadline.getString("at")).toEpochMilli()));
                String event = words.term("alert.action.", what);
                String severity = words.term("alert.severity.", s.getString("severity"));
                lines.add(display.getString("summary", ""));
                lines.add(words.text(
                        "notify.alert.where",
                        "town",
                        s.getString("town"),
                        "severity",
                        severity,
                        "state",
                        words.term("alert.state.", s.getString("state"))));
                if (deadlineText != null) {
                    lines.add(words.text(
                            "notify.alert.deadline",
                            "deadline",
                            deadlineText,
                            "zone",
                            voice.zone().getId()));
                }
                yield new NotificationText(
                        words.text(
                                "notify.alert.title",
                                "event",
                                event,
                                "site",
                                s.getString("site"),
                                "kind",
                                display.getString("kind", "")),
                        lines,
                        words.text(
                                "notify.alert.short",
                                "event",
                                event,
                                "site",
                                s.getString("site"),
                                "town",
                                s.getString("town"),
                                "kind",
                                display.getString("kind", s.getString("kind", "")),
                                "severity",
                                severity,
                                "hasDeadline",
                                deadlineText == null ? "no" : "yes",
                                "deadline",
                                deadlineText == null ? "" : deadlineText),
                        base + "/console/#alert=" + s.getString("id"),
                        words);
            }
            case "case" -> {
                String event = words.term("case.action.", what);
                lines.add(s.getString("cause", ""));
                lines.add(words.text(
                        "notify.case.owner",
                        "owner",
                        s.getString("owner"),
                        "state",
                        words.term("case.state.", s.getString("state"))));
                if (s.getString("escalatedTo") != null) {
                    lines.add(words.text(
                            "notify.case.escalated-to", "to", words.term("staff.role.", s.getString("escalatedTo"))));
                }
                if (s.getString("note") != null) {
                    lines.add(s.getString("note"));
                }
                yield new NotificationText(
                        words.text(
                                "notify.case.title",
                                "event",
                                event,
                                "id",
                                s.getString("id"),
                                "town",
                                s.getString("town")),
                        lines,
                        words.text(
                                "notify.case.short",
                                "event",
                                event,
                                "id",
                                s.getString("id"),
                                "source",
                                s.getString("source"),
                                "town",
                                s.getString("town")),
                        base + "/console/cases.html#case=" + s.getString("id"),
                        words);
            }
            case "patrol" -> {
                lines.add(words.text(
                        "notify.patrol.round",
                        "start",
                        s.getString("start"),
                        "due",
                        voice.wallClock(Instant.parse(s.getString("dueAt")).toEpochMilli()),
                        "unvisited",
                        s.getJsonArray("unvisited").size(),
                        "points",
                        s.getInteger("points")));
                lines.add(words.text(
                        "notify.patrol.unvisited",
                        "names",
                        String.join(", ", s.getJsonArray("unvisitedNames").getList())));
                lines.add(words.text("notify.patrol.officer", "officer", s.getString("officer")));
                yield new NotificationText(
                        words.text("notify.patrol.title", "grid", s.getString("gridName"), "town", s.getString("town")),
                        lines,
                        words.text(
                                "notify.patrol.short",
                                "grid",
                                s.getString("gridName"),
                                "town",
                                s.getString("town"),
                                "start",
                                s.getString("start"),
                                "unvisited",
                                s.getJsonArray("unvisited").size()),
                        base + "/console/grids.html#date=" + s.getString("date"),
                        words);
            }
            case "reception" -> {
                lines.add(words.text(
                        "notify.reception.line", "leader", s.getString("leader"), "date", s.getString("date")));
                yield new NotificationText(
                        words.text("notify.reception.title", "town", s.getString("town"), "date", s.getString("date")),
                        lines,
                        words.text(
                                "notify.reception.short",
                                "town",
                                s.getString("town"),
                                "date",
                                s.getString("date"),
                                "leader",
                                s.getString("leader")),
                        base + "/console/places.html",
                        words);
            }
            default -> {
                String event = words.term("notify.event.", n.event());
                lines.add(s.getString("text", ""));
                yield new NotificationText(
                        words.text("notify.message.title", "event", event, "id", n.subjectId()),
                        lines,
                        words.text("notify.message.short", "event", event, "text", s.getString("text", "")),
                        base + "/console/",
                        words);
            }
        };
    }

    /** Title, lines and link as plain text (an e-mail's text part, a robot's text message). */
    public String plain() {
        return title + "\n" + String.join("\n", lines) + "\n" + link;
    }

    /** As markdown: the robots' group messages. */
    public String markdown() {
        StringBuilder md = new StringBuilder("### ").append(title).append('\n');
        for (String line : lines) {
            md.append("> ").append(line).append('\n');
        }
        return md.append("\n[")
                .append(words.text("notify.open"))
                .append("](")
                .append(link)
                .append(')')
                .toString();
    }

    /** As HTML, every text escaped: an e-mail's HTML part. */
    public String html() {
        StringBuilder h = new StringBuilder("<h3>").append(escape(title)).append("</h3>\n<ul>\n");
        for (String line : lines) {
            h.append("<li>").append(escape(line)).append("</li>\n");
        }
        return h.append("</ul>\n<p><a href=\"")
                .append(escape(link))
                .append("\">")
                .append(escape(words.text("notify.open")))
                .append("</a></p>\n")
                .toString();
    }

    /** One SMS line that fits {@code segments} segments with the link whole at its end. */
    public String sms(int segments) {
        return SmsText.fit(shortText, " " + link, segments);
    }

    static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
