package io.envwatch.alerting.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.settings.SettingsReader;
import io.envwatch.district.language.Voice;
import io.envwatch.district.registry.Registry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One notification channel of the {@code channels} section: its kind ({@code webhook},
 * {@code wecom}, {@code dingtalk}, {@code sms}, {@code email}), who it is for, how to reach it,
 * and how often to try. Secrets are named by the environment variable that holds them (only the
 * demo may write a webhook's signing secret inline).
 *
 * @param audience {@code duty-room} (the city's), {@code duty-room:<town room>}, {@code duty-leader},
 *     {@code team:<team id>} or {@code leader:<name>}
 * @param url the webhook's address, or the robot's or gateway's endpoint
 * @param secret a webhook's signing key, a WeCom robot's key, a DingTalk robot's signing secret
 *     (or null), an e-mail account's password (or null)
 * @param token a DingTalk robot's access token
 * @param keyword one of a DingTalk robot's keywords, or null
 * @param sms the SMS gateway, for {@code sms}
 * @param smtp the mail server, for {@code email}
 */
public record ChannelSettings(
        String id,
        String type,
        String audience,
        String url,
        String secret,
        String token,
        String keyword,
        SmsGateway sms,
        EmailChannel.Smtp smtp,
        int maxAttempts,
        Duration firstRetryAfter) {
    public static final String WEBHOOK = "webhook";
    public static final String WECOM = "wecom";
    public static final String DINGTALK = "dingtalk";
    public static final String SMS = "sms";
    public static final String EMAIL = "email";
    /** Channel types this build knows. */
    public static final Set<String> TYPES = Set.of(WEBHOOK, WECOM, DINGTALK, SMS, EMAIL);

    public static final int MIN_SECRET_LENGTH = 16;
    static final String WECOM_ENDPOINT = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send";
    static final String DINGTALK_ENDPOINT = "https://oapi.dingtalk.com/robot/send";

    private static final Set<String> COMMON = Set.of("id", "type", "audience", "maxAttempts", "firstRetryAfter");
    private static final Map<String, Set<String>> KEYS = Map.of(
            WEBHOOK, Set.of("url", "secret", "secretEnv"),
            WECOM, Set.of("url", "keyEnv"),
            DINGTALK, Set.of("url", "tokenEnv", "secretEnv", "keyword"),
            SMS,
                    Set.of(
                            "url",
                            "method",
                            "contentType",
                            "body",
                            "authHeader",
                            "authEnv",
                            "to",
                            "successContains",
                            "maxSegments"),
            EMAIL, Set.of("host", "port", "starttls", "username", "passwordEnv", "from", "to"));
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,15}");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");

    /** This channel, ready to deliver. */
    public NotificationChannel build(Vertx vertx, String consoleUrl, Voice voice, Clock clock) {
        Audience to = Audience.parse(audience);
        return switch (type) {
            case WEBHOOK -> new WebhookChannel(vertx, id, to, url, secret, maxAttempts, firstRetryAfter, clock);
            case WECOM ->
                new WeComChannel(
                        vertx,
                        id,
                        to,
                        url,
                        secret,
                        consoleUrl,
                        voice,
                        WeComChannel.LIMIT_WAIT,
                        maxAttempts,
                        firstRetryAfter,
                        clock);
            case DINGTALK ->
                new DingTalkChannel(
                        vertx,
                        id,
                        to,
                        url,
                        token,
                        secret,
                        keyword,
                        consoleUrl,
                        voice,
                        DingTalkChannel.LIMIT_WAIT,
                        maxAttempts,
                        firstRetryAfter,
                        clock);
            case SMS -> new SmsChannel(vertx, id, to, sms, consoleUrl, voice, maxAttempts, firstRetryAfter, clock);
            case EMAIL -> new EmailChannel(vertx, id, to, smtp, consoleUrl, voice, maxAttempts, firstRetryAfter, clock);
            default -> throw new IllegalStateException("unknown channel type " + type);
        };
    }

    /**
     * The {@code channels} section, checked against the registry's teams and the leaders among the
     * staff, every secret looked up in the environment.
     */
    public static List<ChannelSettings> read(
            SettingsReader r,
            JsonNode list,
            Registry registry,
            Function<String, String> env,
            Set<String> leaders,
            Set<String> rooms) {
        List<ChannelSettings> channels = new ArrayList<>();
        if (list.isMissingNode()) {
            return channels;
        }
        if (!list.isArray()) {
            r.problem("/channels", "must be a list of channels (id, type, audience, and what the type needs)");
            return channels;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "/channels/" + i;
            String id = r.text(p + "/id", true);
            String type = r.text(p + "/type", true);
            String audience = r.text(p + "/audience", true);
            if (id != null && !SettingsReader.ID.matcher(id).matches()) {
                r.problem(p + "/id", "must be letters, digits, '.', '_' or '-'");
            } else if (id != null && !ids.add(id)) {
                r.problem(p + "/id", "another channel is already called " + id);
            }
            audience(r, p, audience, registry, leaders, rooms);
            if (type == null || !TYPES.contains(type)) {
                if (type != null) {
                    // What else such a channel needs depends on its type: nothing more to check.
                    r.problem(p + "/type", "unknown channel type " + type + " (known: " + new TreeSet<>(TYPES) + ")");
                }
                continue;
            }
            Set<String> known = new LinkedHashSet<>(COMMON);
            known.addAll(KEYS.get(type));
            r.onlyKeys(p, known);
            int attempts = r.integer(p + "/maxAttempts", 6, 1, 20);
            Duration firstRetry = r.duration(p + "/firstRetryAfter", "PT1S");
            ChannelSettings c = switch (type) {
                case WEBHOOK -> webhook(r, p, env, id, audience, attempts, firstRetry);
                case WECOM ->
                    new ChannelSettings(
                            id,
                            type,
                            audience,
                            url(r, p, WECOM_ENDPOINT),
                            fromEnv(r, p + "/keyEnv", env, true),
                            null,
                            null,
                            null,
                            null,
                            attempts,
                            firstRetry);
                case DINGTALK ->
                    new ChannelSettings(
                            id,
                            type,
                            audience,
                            url(r, p, DINGTALK_ENDPOINT),
                            fromEnv(r, p + "/secretEnv", env, false),
                            fromEnv(r, p + "/tokenEnv", env, true),
                            r.text(p + "/keyword", false),
                            null,
                            null,
                            attempts,
                            firstRetry);
                case SMS ->
                    new ChannelSettings(
                            id, type, audience, null, null, null, null, sms(r, p, env), null, attempts, firstRetry);
                default ->
                    new ChannelSettings(
                            id, type, audience, null, null, null, null, null, smtp(r, p, env), attempts, firstRetry);
            };
            channels.add(c);
        }
        return channels;
    }

    private static void audience(
            SettingsReader r, String p, String audience, Registry registry, Set<String> leaders, Set<String> rooms) {
        if (audience == null) {
            return;
        }
        try {
            Audience a = Audience.parse(audience);
            if (a.team() != null && registry.team(a.team()).isEmpty()) {
                r.problem(p + "/audience", "no team " + a.team() + " in the registry");
            }
            if (a.room() != null && !rooms.contains(a.room())) {
                r.problem(p + "/audience", "no duty room " + a.room() + " (dutyRooms: " + new TreeSet<>(rooms) + ")");
            }
            if (a.leader() != null && !leaders.contains(a.leader())) {
                r.problem(p + "/audience", "no leader called " + a.leader() + " among the staff");
            }
        } catch (IllegalArgumentException e) {
            r.problem(p + "/audience", e.getMessage());
        }
    }

    private static ChannelSettings webhook(
            SettingsReader r,
            String p,
            Function<String, String> env,
            String id,
            String audience,
            int attempts,
            Duration firstRetry) {
        String url = url(r, p, null);
        String secret = r.text(p + "/secret", false);
        String secretEnv = r.text(p + "/secretEnv", false);
        if (secret != null && secretEnv != null) {
            r.problem(p, "give secret or secretEnv, not both");
        } else if (secret != null && r.deployment()) {
            r.problem(
                    p + "/secret",
                    "a deployment names the signing secret by its variable (secretEnv); "
                            + "a secret written in the file is for the demo only");
        } else if (secretEnv != null) {
            secret = fromEnv(r, p + "/secretEnv", env, true);
        } else if (secret == null) {
            r.problem(p, "a webhook needs its signing secret (secretEnv: VARIABLE, or secret:)");
        }
        if (secret != null && !secret.isEmpty() && secret.length() < MIN_SECRET_LENGTH) {
            r.problem(
                    p + (secretEnv != null ? "/secretEnv" : "/secret"),
                    "the signing secret must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        return new ChannelSettings(id, WEBHOOK, audience, url, secret, null, null, null, null, attempts, firstRetry);
    }

    /** An http or https URL with a host; {@code fallback} when absent, or a problem when there is none. */
    private static String url(SettingsReader r, String p, String fallback) {
        String url = r.text(p + "/url", fallback == null);
        if (url == null) {
            return fallback;
        }
        try {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                r.problem(p + "/url", "must be an http or https URL with a host");
            }
        } catch (IllegalArgumentException e) {
            r.problem(p + "/url", "not a URL: " + e.getMessage());
        }
        return url;
    }

    /** The value of the environment variable a key names. */
    private static String fromEnv(SettingsReader r, String pointer, Function<String, String> env, boolean required) {
        String variable = r.text(pointer, required);
        if (variable == null) {
            return null;
        }
        String value = env.apply(variable);
        if (value == null || value.isEmpty()) {
            r.problem(pointer, "the environment variable " + variable + " is not set");
            return null;
        }
        return value;
    }

    private static List<String> list(SettingsReader r, String pointer, Pattern each, String what, String one) {
        List<String> out = new ArrayList<>();
        JsonNode node = r.at(pointer);
        if (!node.isArray() || node.isEmpty()) {
            r.problem(pointer, "must be a list of " + what);
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            String v = node.get(i).asText();
            if (!each.matcher(v).matches()) {
                r.problem(pointer + "/" + i, v + " is not " + one);
            }
            out.add(v);
        }
        return out;
    }

    private static SmsGateway sms(SettingsReader r, String p, Function<String, String> env) {
        String url = url(r, p, null);
        String method = r.text(p + "/method", false);
        method = method == null ? "POST" : method.toUpperCase(java.util.Locale.ROOT);
        if (!method.equals("POST") && !method.equals("GET")) {
            r.problem(p + "/method", "must be POST or GET");
        }
        String contentType = r.text(p + "/contentType", false);
        String body = r.text(p + "/body", method.equals("POST"));
        if (method.equals("POST")) {
            contentType = contentType == null ? SmsGateway.JSON : contentType;
            if (!contentType.equals(SmsGateway.JSON) && !contentType.equals(SmsGateway.FORM)) {
                r.problem(p + "/contentType", "must be " + SmsGateway.JSON + " or " + SmsGateway.FORM);
            }
            if (body != null && !body.contains("{text}")) {
                r.problem(p + "/body", "must carry the message as {text} (and the numbers as {to})");
            }
        } else if (url != null && !url.contains("{text}")) {
            r.problem(p + "/url", "a GET gateway must carry the message as {text} in its URL");
        }
        String authHeader = r.text(p + "/authHeader", false);
        String authValue = authHeader == null ? null : fromEnv(r, p + "/authEnv", env, true);
        return new SmsGateway(
                url,
                method,
                contentType,
                body,
                authHeader,
                authValue,
                list(r, p + "/to", PHONE, "phone numbers", "a phone number"),
                r.text(p + "/successContains", false),
                r.integer(p + "/maxSegments", 2, 1, 10));
    }

    private static EmailChannel.Smtp smtp(SettingsReader r, String p, Function<String, String> env) {
        String username = r.text(p + "/username", false);
        JsonNode starttls = r.at(p + "/starttls");
        if (!starttls.isMissingNode() && !starttls.isBoolean()) {
            r.problem(p + "/starttls", "must be true or false");
        }
        String from = r.text(p + "/from", true);
        return new EmailChannel.Smtp(
                r.text(p + "/host", true),
                r.integer(p + "/port", 587, 1, 65535),
                starttls.asBoolean(true),
                username,
                username == null ? null : fromEnv(r, p + "/passwordEnv", env, true),
                from,
                list(r, p + "/to", ADDRESS, "e-mail addresses", "an e-mail address"));
    }
}
