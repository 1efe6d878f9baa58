package io.envwatch.alerting.notifications;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * How a group robot (WeCom, DingTalk) answered: HTTP 200 with {@code {"errcode": 0}} is delivered;
 * an errcode the service documents as "too many messages" waits and tries again; any other errcode
 * is the robot refusing this message (a wrong key, a keyword missing) and is not retried.
 */
final class RobotReply {
    private RobotReply() {}

    static Attempt read(int status, Buffer body, Set<Integer> rateLimited, Duration wait) {
        if (status >= 500 || status == 429) {
            return Attempt.retry("HTTP " + status);
        }
        if (status / 100 != 2) {
            return Attempt.failed("HTTP " + status);
        }
        JsonObject reply;
        try {
            reply = body == null ? null : body.toJsonObject();
        } catch (DecodeException e) {
            reply = null;
        }
        if (reply == null || !reply.containsKey("errcode")) {
            return Attempt.retry("an answer without errcode: " + abbreviate(body));
        }
        int code = reply.getInteger("errcode", -1);
        if (code == 0) {
            return Attempt.DELIVERED;
        }
        String error = "errcode " + code + ": " + reply.getString("errmsg", "");
        return rateLimited.contains(code) ? Attempt.rateLimited(error, wait) : Attempt.failed(error);
    }

    private static String abbreviate(Buffer body) {
        String text = body == null ? "" : body.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
