package io.envwatch.alerting.tips;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.intake.IntakeLimits;
import io.envwatch.alerting.settings.SettingsReader;
import io.envwatch.district.language.Language;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Rewarded tips: the violation classes and their rewards, the key tips are sealed with, and how
 * many wrong claim codes one address may try.
 */
public record TipSettings(List<TipClass> classes, byte[] key, IntakeLimits wrongCodes) {
    /**
     * Wrong claim codes one address may try: 5 in 15 minutes. Also what the public doors use when
     * no tips are configured, since a claim-code route still answers then.
     */
    public static final IntakeLimits DEFAULT_WRONG_CODES =
            new IntakeLimits(5, Duration.ofMinutes(15), 1_000_000, Duration.ofMinutes(1), false);

    /**
     * The {@code tips} section, or null without one: {@code tips.classes} (id, name, reward in yuan;
     * the name one text, or one per language: {@code {zh-CN: 暗管偷排, en: Hidden discharge pipes}}), the sealing key from
     * {@code keyEnv} (base64 of 32 random bytes; {@code key} inline only for the demo) and how many
     * wrong claim codes an address may try ({@code wrongCodes.perClient} per {@code perClientWindow}).
     */
    public static TipSettings read(SettingsReader r, Function<String, String> env) {
        if (r.missing("/tips")) {
            return null;
        }
        r.onlyKeys("/tips", Set.of("classes", "key", "keyEnv", "wrongCodes"));
        List<TipClass> classes = new ArrayList<>();
        JsonNode list = r.at("/tips/classes");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "/tips/classes/" + i;
            r.onlyKeys(p, Set.of("id", "name", "reward"));
            String id = r.text(p + "/id", true);
            if (id != null && (!SettingsReader.ID.matcher(id).matches() || !ids.add(id))) {
                r.problem(p + "/id", "must be letters, digits, '.', '_' or '-', and unique");
            }
            JsonNode reward = r.at(p + "/reward");
            if (!reward.isNumber() || reward.asDouble() < 0) {
                r.problem(p + "/reward", "must be an amount in yuan, 0 or more");
            }
            classes.add(new TipClass(id, names(r, p + "/name"), reward.asDouble()));
        }
        if (classes.isEmpty()) {
            r.problem("/tips/classes", "name at least one violation class (id, name, reward)");
        }
        String keyEnv = r.text("/tips/keyEnv", false);
        String inline = r.text("/tips/key", false);
        String key = keyEnv != null ? env.apply(keyEnv) : inline;
        byte[] bytes = null;
        if (key == null) {
            r.problem(
                    keyEnv != null ? "/tips/keyEnv" : "/tips",
                    keyEnv != null
                            ? "the environment variable " + keyEnv + " is not set"
                            : "needs keyEnv (or key, for a demo)");
        } else {
            r.refusePublished(
                    keyEnv != null ? "/tips/keyEnv" : "/tips/key",
                    key,
                    "this is the demo settings' tip key, "
                            + "published with EnvWatch: anyone could open the tips; make one (head -c 32 /dev/urandom | base64)");
            try {
                bytes = Base64.getDecoder().decode(key);
            } catch (IllegalArgumentException e) {
                bytes = new byte[0];
            }
            if (bytes.length != 32) {
                r.problem(
                        keyEnv != null ? "/tips/keyEnv" : "/tips/key",
                        "the tip key must be base64 of 32 random bytes " + "(head -c 32 /dev/urandom | base64)");
            }
        }
        IntakeLimits wrong = new IntakeLimits(
                r.integer("/tips/wrongCodes/perClient", DEFAULT_WRONG_CODES.perClient(), 1, 1000),
                r.duration(
                        "/tips/wrongCodes/perClientWindow",
                        DEFAULT_WRONG_CODES.perClientWindow().toString()),
                DEFAULT_WRONG_CODES.overall(),
                DEFAULT_WRONG_CODES.overallWindow(),
                false);
        return new TipSettings(classes, bytes, wrong);
    }

    /** A class's name: one text for every reader, or one per language a person may read. */
    private static Map<String, String> names(SettingsReader r, String p) {
        JsonNode node = r.at(p);
        Map<String, String> names = new LinkedHashMap<>();
        if (node.isObject()) {
            for (var fields = node.fieldNames(); fields.hasNext(); ) {
                String tag = fields.next();
                if (Language.of(tag).isEmpty() || !Language.of(tag).get().tag().equals(tag)) {
                    r.problem(p + "/" + tag, "a name per language is keyed by " + String.join(" or ", Language.tags()));
                }
                String name = r.text(p + "/" + tag, true);
                if (name != null) {
                    names.put(tag, name);
                }
            }
            if (names.isEmpty()) {
                r.problem(p, "name the class in at least one language");
            }
        } else {
            String name = r.text(p, true);
            if (name != null) {
                names.put(ANY_LANGUAGE, name);
            }
        }
        return names;
    }

    private static final String ANY_LANGUAGE = "";

    /**
     * A serious violation class and the reward a substantiated tip of it earns, in yuan; its name
     * by language tag (one name for all under the empty tag).
     */
    public record TipClass(String id, Map<String, String> names, double reward) {
        /** One name for every reader. */
        public TipClass(String id, String name, double reward) {
            this(id, Map.of(ANY_LANGUAGE, name), reward);
        }

        /** The name in {@code language}, else the one given for all, else the first given. */
        public String name(Language language) {
            return names.getOrDefault(
                    language.tag(),
                    names.getOrDefault(
                            ANY_LANGUAGE, names.values().stream().findFirst().orElse(id)));
        }
    }

    public Optional<TipClass> tipClass(String id) {
        return classes.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
