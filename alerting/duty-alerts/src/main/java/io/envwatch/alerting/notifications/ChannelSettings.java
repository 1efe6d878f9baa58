package io.envwatch.alerting.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.settings.SettingsReader;
import io.envwatch.district.registry.Registry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One notification channel of the {@code channels} section.
 *
 * @param audience {@code duty-room}, {@code duty-leader}, {@code team:<team id>} or {@code leader:<name>}
 * @param secret the HMAC key, resolved from {@code secretEnv} or given inline
 */
public record ChannelSettings(
        String id, String type, String audience, String url, String secret, int maxAttempts, Duration firstRetryAfter) {
    /** Channel types this build knows; a new one is a class in notifications and a name here. */
    public static final Set<String> TYPES = Set.of("webhook");

    public static final int MIN_SECRET_LENGTH = 16;

    /**
     * The {@code channels} section, checked against the registry's teams and the leaders among the
     * staff.
     */
    public static List<ChannelSettings> read(
            SettingsReader r, JsonNode list, Registry registry, Function<String, String> env, Set<String> leaders) {
        List<ChannelSettings> channels = new ArrayList<>();
        if (list.isMissingNode()) {
            return channels;
        }
        if (!list.isArray()) {
            r.problem("/channels", "must be a list of channels (id, type, audience, url, secretEnv)");
            return channels;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "/channels/" + i;
            r.onlyKeys(
                    p,
                    Set.of("id", "type", "audience", "url", "secret", "secretEnv", "maxAttempts", "firstRetryAfter"));
            String id = r.text(p + "/id", true);
            String type = r.text(p + "/type", true);
            String audience = r.text(p + "/audience", true);
            String url = r.text(p + "/url", true);
            String secret = r.text(p + "/secret", false);
            String secretEnv = r.text(p + "/secretEnv", false);
            if (id != null && !SettingsReader.ID.matcher(id).matches()) {
                r.problem(p + "/id", "must be letters, digits, '.', '_' or '-'");
            } else if (id != null && !ids.add(id)) {
                r.problem(p + "/id", "another channel is already called " + id);
            }
            if (type != null && !TYPES.contains(type)) {
                r.problem(p + "/type", "unknown channel type " + type + " (known: " + TYPES + ")");
            }
            if (audience != null) {
                try {
                    Audience a = Audience.parse(audience);
                    if (a.team() != null && registry.team(a.team()).isEmpty()) {
                        r.problem(p + "/audience", "no team " + a.team() + " in the registry");
                    }
                    if (a.leader() != null && !leaders.contains(a.leader())) {
                        r.problem(p + "/audience", "no leader called " + a.leader() + " among the staff");
                    }
                } catch (IllegalArgumentException e) {
                    r.problem(p + "/audience", e.getMessage());
                }
            }
            if (url != null) {
                try {
                    URI uri = URI.create(url);
                    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                        r.problem(p + "/url", "must be an http or https URL with a host");
                    }
                } catch (IllegalArgumentException e) {
                    r.problem(p + "/url", "not a URL: " + e.getMessage());
                }
            }
            if (secret != null && secretEnv != null) {
                r.problem(p, "give secret or secretEnv, not both");
            } else if (secretEnv != null) {
                secret = env.apply(secretEnv);
                if (secret == null || secret.isEmpty()) {
                    r.problem(p + "/secretEnv", "the environment variable " + secretEnv + " is not set");
                }
            } else if (secret == null) {
                r.problem(p, "a webhook needs its signing secret (secretEnv: VARIABLE, or secret:)");
            }
            if (secret != null && !secret.isEmpty() && secret.length() < MIN_SECRET_LENGTH) {
                r.problem(
                        p + (secretEnv != null ? "/secretEnv" : "/secret"),
                        "the signing secret must be at least " + MIN_SECRET_LENGTH + " characters");
            }
            int attempts = r.integer(p + "/maxAttempts", 6, 1, 20);
            Duration firstRetry = r.duration(p + "/firstRetryAfter", "PT1S");
            channels.add(new ChannelSettings(id, type, audience, url, secret, attempts, firstRetry));
        }
        return channels;
    }
}
