package io.envwatch.alerting.notifications;

import io.envwatch.district.registry.LocalTimeRules;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A notification in words for people's media, each cut to its medium: a title and a few lines
 * (the robots' markdown, an e-mail's text and HTML), and one short line for SMS. Every form ends
 * with the console link that opens the alert or case. Times are the district's wall clock.
 */
public record NotificationText(String title, List<String> lines, String shortText, String link) {

    /** The words of a notification; {@code consoleUrl} is where the duty room opens the console. */
    public static NotificationText of(Notification n, String consoleUrl, ZoneId zone) {
        String base = consoleUrl.replaceAll("/+$", "");
        JsonObject s = n.subject();
        String kind = n.event().substring(0, n.event().indexOf('.'));
        String what = n.event().substring(n.event().indexOf('.') + 1).replace('-', ' ');
        List<String> lines = new ArrayList<>();
        return switch (kind) {
            case "alert" -> {
                JsonObject display = s.getJsonObject("display", new JsonObject());
                JsonObject deadline = s.getJsonObject("deadline");
                String deadlineText = deadline == null
                        ? null
                        : ("acknowledge".equals(deadline.getString("name")) ? "acknowledge by " : "on scene by ")
                                + wallClock(deadline.getString("at"), zone);
                lines.add(display.getString("summary", ""));
                lines.add("Town " + s.getString("town") + ", severity " + s.getString("severity") + ", state "
                        + s.getString("state"));
                if (deadlineText != null) {
                    lines.add("Deadline: " + deadlineText + " (" + zone + ")");
                }
                String link = base + "/console/#alert=" + s.getString("id");
                yield new NotificationText(
                        "EnvWatch alert " + what + ": " + s.getString("site") + " · " + display.getString("kind", ""),
                        lines,
                        "EnvWatch " + what + ": " + s.getString("site") + " (" + s.getString("town") + ") "
                                + display.getString("kind", s.getString("kind", "")) + ", " + s.getString("severity")
                                + (deadlineText == null ? "" : ", " + deadlineText),
                        link);
            }
            case "case" -> {
                lines.add(s.getString("cause", ""));
                lines.add("Owner " + s.getString("owner") + ", state " + s.getString("state"));
                if (s.getString("escalatedTo") != null) {
                    lines.add("Escalated to " + s.getString("escalatedTo"));
                }
                if (s.getString("note") != null) {
                    lines.add(s.getString("note"));
                }
                String link = base + "/console/cases.html#case=" + s.getString("id");
                yield new NotificationText(
                        "EnvWatch case " + what + ": " + s.getString("id") + " (" + s.getString("town") + ")",
                        lines,
                        "EnvWatch case " + what + ": " + s.getString("id") + " " + s.getString("source") + " ("
                                + s.getString("town") + ")",
                        link);
            }
            default -> {
                lines.add(s.getString("text", ""));
                yield new NotificationText(
                        "EnvWatch " + kind + " " + what + ": " + n.subjectId(),
                        lines,
                        "EnvWatch " + kind + " " + what + ": " + s.getString("text", ""),
                        base + "/console/");
            }
        };
    }

    private static String wallClock(String isoInstant, ZoneId zone) {
        return LocalTimeRules.wallClock(Instant.parse(isoInstant).toEpochMilli(), zone);
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
        return md.append("\n[Open in the EnvWatch console](")
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
                .append("\">Open in the EnvWatch console</a></p>\n")
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
