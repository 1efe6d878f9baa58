package io.envwatch.alerting;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.envwatch.alerting.DutySettings.ChannelSettings;
import io.envwatch.alerting.cases.CaseSettings;
import io.envwatch.alerting.intake.IntakeLimits;
import io.envwatch.alerting.notifications.Audience;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.tips.TipSettings;
import io.envwatch.alerting.web.ConnectionLimits;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.registry.Team;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the duty service's settings (YAML) and checks them whole against the registry, naming the
 * line of every problem, so the service never starts with a team that does not exist, a token that
 * is not a hash or a webhook without its signing secret.
 */
public final class DutySettingsLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final List<String> TOP = List.of(
            "deadlines",
            "reopenWithin",
            "incidentLookback",
            "pollEvery",
            "staff",
            "channels",
            "complaintIntake",
            "cases",
            "tips",
            "http");
    /** Channel types this build knows; a new one is a class in notifications and a name here. */
    public static final Set<String> CHANNEL_TYPES = Set.of("webhook");

    static final int MIN_SECRET_LENGTH = 16;

    /** The example settings shipped for the demo and first runs. */
    public static final String SAMPLE_RESOURCE = "/duty/duty-sample.yaml";

    private DutySettingsLoader() {}

    /** Whether the environment says this is a demo ({@code ENVWATCH_DEMO=true}), where published secrets may be used. */
    public static boolean demo(Function<String, String> env) {
        return "true".equalsIgnoreCase(env.apply("ENVWATCH_DEMO"));
    }

    /**
     * A deployment's settings file. Unless {@link #demo}, the tokens and tip key published in the
     * demo settings are refused: anyone who read the repository could sign in or open the tips.
     */
    public static DutySettings load(Path path, Registry registry, Function<String, String> env) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read duty settings " + path + ": " + e, e);
        }
        return parse(path.toString(), text, registry, env, !demo(env));
    }

    public static String sampleText() {
        try (InputStream in = DutySettingsLoader.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings given as text (tests, the demo): published demo secrets are allowed. */
    public static DutySettings parse(String source, String text, Registry registry, Function<String, String> env) {
        return parse(source, text, registry, env, false);
    }

    private static DutySettings parse(
            String source, String text, Registry registry, Function<String, String> env, boolean refusePublished) {
        JsonNode tree;
        RegistryLoader.Locator at;
        try {
            tree = YAML.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new Invalid(
                        source, List.of("line 1: the duty settings must be a mapping (deadlines, staff, channels)"));
            }
            at = RegistryLoader.locator(text, tree);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new Invalid(
                    source,
                    List.of("line " + (where == null ? "?" : where.getLineNr()) + ": not valid YAML: "
                            + e.getOriginalMessage()));
        }
        Reader r = new Reader(at, tree, refusePublished ? published() : Set.of());
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP.contains(name)) {
                r.problem("/" + name, "unknown setting (known: " + TOP + ")");
            }
        }
        Duration ack = r.duration("/deadlines/acknowledge", "PT5M");
        Duration onScene = r.duration("/deadlines/onScene", "PT30M");
        Duration reopen = r.duration("/reopenWithin", "PT2H");
        Duration lookback = r.duration("/incidentLookback", "PT24H");
        Duration poll = r.duration("/pollEvery", "PT2S");
        List<Staff> staff = staff(r, tree.path("staff"), registry, env);
        Set<String> leaders = new HashSet<>();
        tree.path("staff").forEach(person -> {
            if ("leader".equals(person.path("role").asText())) {
                leaders.add(person.path("name").asText());
            }
        });
        List<ChannelSettings> channels = channels(r, tree.path("channels"), registry, env, leaders);
        IntakeLimits limits = intakeLimits(r);
        CaseSettings cases = cases(r, tree.path("staff"), registry);
        TipSettings tips = tips(r, env);
        ConnectionLimits http = http(r);
        if (!r.problems.isEmpty()) {
            throw new Invalid(source, r.problems);
        }
        return new DutySettings(ack, onScene, reopen, lookback, poll, staff, channels, limits, cases, tips, http);
    }

    /**
     * The ledger: {@code cases} (evidencePeriod, pollEvery, levels by households) and the leaders,
     * who are staff with role {@code leader}, a {@code level}, optional {@code towns} and a
     * {@code superior} of a higher level.
     */
    private static CaseSettings cases(Reader r, JsonNode staff, Registry registry) {
        CaseSettings d = CaseSettings.defaults();
        if (!r.tree.at("/cases").isMissingNode()) {
            r.onlyKeys("/cases", Set.of("evidencePeriod", "pollEvery", "levels"));
        }
        Duration period = r.duration("/cases/evidencePeriod", d.evidencePeriod().toString());
        Duration poll = r.duration("/cases/pollEvery", d.pollEvery().toString());
        List<CaseSettings.Level> levels = new ArrayList<>(d.levels());
        JsonNode given = r.tree.at("/cases/levels");
        if (!given.isMissingNode()) {
            levels.clear();
            for (int i = 0; i < given.size(); i++) {
                String p = "/cases/levels/" + i;
                r.onlyKeys(p, Set.of("level", "minHouseholds"));
                String level = r.text(p + "/level", true);
                if (level != null && !CaseSettings.LEVEL_NAMES.contains(level)) {
                    r.problem(p + "/level", "unknown level " + level + " " + CaseSettings.LEVEL_NAMES);
                }
                levels.add(new CaseSettings.Level(level, r.integer(p + "/minHouseholds", 0, 0, 10_000_000)));
            }
        }
        List<CaseSettings.Leader> leaders = new ArrayList<>();
        List<String> pointers = new ArrayList<>();
        Set<String> townIds = new HashSet<>();
        registry.towns().forEach(t -> townIds.add(t.id()));
        for (int i = 0; staff.isArray() && i < staff.size(); i++) {
            String p = "/staff/" + i;
            JsonNode person = staff.get(i);
            if (!"leader".equals(person.path("role").asText())) {
                for (String key : List.of("level", "towns", "superior")) {
                    if (person.has(key)) {
                        r.problem(p + "/" + key, "only a leader has a " + key);
                    }
                }
                continue;
            }
            String level = r.text(p + "/level", true);
            if (level != null && !CaseSettings.LEVEL_NAMES.contains(level)) {
                r.problem(p + "/level", "unknown level " + level + " " + CaseSettings.LEVEL_NAMES);
            }
            Set<String> towns = new TreeSet<>();
            for (JsonNode t : person.path("towns")) {
                if (!townIds.contains(t.asText())) {
                    r.problem(p + "/towns", "no town " + t.asText() + " in the registry");
                }
                towns.add(t.asText());
            }
            leaders.add(new CaseSettings.Leader(
                    person.path("name").asText(), level, towns, r.text(p + "/superior", false)));
            pointers.add(p + "/superior");
        }
        for (int i = 0; i < leaders.size(); i++) {
            CaseSettings.Leader l = leaders.get(i);
            if (l.superior() == null) {
                continue;
            }
            CaseSettings.Leader above = leaders.stream()
                    .filter(o -> o.name().equals(l.superior()))
                    .findFirst()
                    .orElse(null);
            if (above == null) {
                r.problem(pointers.get(i), l.superior() + " is not a leader");
            } else if (l.level() != null
                    && above.level() != null
                    && CaseSettings.LEVEL_NAMES.indexOf(above.level()) >= CaseSettings.LEVEL_NAMES.indexOf(l.level())) {
                r.problem(
                        pointers.get(i),
                        above.name() + " (" + above.level() + ") is not of a higher level than " + l.name() + " ("
                                + l.level() + ")");
            }
        }
        return new CaseSettings(period, poll, levels, leaders);
    }

    /**
     * Rewarded tips: {@code tips.classes} (id, name, reward in yuan), the sealing key from
     * {@code keyEnv} (base64 of 32 random bytes; {@code key} inline only for the demo) and how many
     * wrong claim codes an address may try ({@code wrongCodes.perClient} per {@code perClientWindow}).
     */
    private static TipSettings tips(Reader r, Function<String, String> env) {
        if (r.tree.at("/tips").isMissingNode()) {
            return null;
        }
        r.onlyKeys("/tips", Set.of("classes", "key", "keyEnv", "wrongCodes"));
        List<TipSettings.TipClass> classes = new ArrayList<>();
        JsonNode list = r.tree.at("/tips/classes");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "/tips/classes/" + i;
            r.onlyKeys(p, Set.of("id", "name", "reward"));
            String id = r.text(p + "/id", true);
            if (id != null && (!ID.matcher(id).matches() || !ids.add(id))) {
                r.problem(p + "/id", "must be letters, digits, '.', '_' or '-', and unique");
            }
            JsonNode reward = r.tree.at(p + "/reward");
            if (!reward.isNumber() || reward.asDouble() < 0) {
                r.problem(p + "/reward", "must be an amount in yuan, 0 or more");
            }
            classes.add(new TipSettings.TipClass(id, r.text(p + "/name", true), reward.asDouble()));
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
                r.integer("/tips/wrongCodes/perClient", 5, 1, 1000),
                r.duration("/tips/wrongCodes/perClientWindow", "PT15M"),
                1_000_000,
                Duration.ofMinutes(1),
                false);
        return new TipSettings(classes, bytes, wrong);
    }

    private static final String TOKEN_PUBLISHED = "this is a token of the demo settings, published with EnvWatch: "
            + "anyone could sign in with it; give each person a token of their own (ENVWATCH_DEMO=true allows it for a demo)";

    /** The token hashes and the tip key of the demo settings, which anyone can read in the repository. */
    private static Set<String> published() {
        try {
            JsonNode sample = YAML.readTree(sampleText());
            Set<String> secrets = new HashSet<>();
            sample.path("staff").forEach(p -> secrets.add(p.path("tokenSha256").asText()));
            secrets.add(sample.at("/tips/key").asText());
            return secrets;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the demo settings do not parse", e);
        }
    }

    /** What clients may hold of the HTTP server ({@link ConnectionLimits}); every key optional. */
    private static ConnectionLimits http(Reader r) {
        ConnectionLimits d = ConnectionLimits.defaults();
        if (!r.tree.at("/http").isMissingNode()) {
            r.onlyKeys(
                    "/http",
                    Set.of("maxConnections", "perAddress", "headersWithin", "requestWithin", "maxHeaderBytes"));
        }
        return new ConnectionLimits(
                r.integer("/http/maxConnections", d.maxConnections(), 16, 1_000_000),
                r.integer("/http/perAddress", d.perAddress(), 1, 1_000_000),
                r.duration("/http/headersWithin", d.headersWithin().toString()),
                r.duration("/http/requestWithin", d.requestWithin().toString()),
                r.integer("/http/maxHeaderBytes", d.maxHeaderBytes(), 1024, 65_536));
    }

    private static IntakeLimits intakeLimits(Reader r) {
        IntakeLimits d = IntakeLimits.defaults();
        if (!r.tree.at("/complaintIntake").isMissingNode()) {
            r.onlyKeys(
                    "/complaintIntake",
                    Set.of("perClient", "perClientWindow", "overall", "overallWindow", "trustForwardedFor"));
        }
        JsonNode trust = r.tree.at("/complaintIntake/trustForwardedFor");
        if (!trust.isMissingNode() && !trust.isBoolean()) {
            r.problem("/complaintIntake/trustForwardedFor", "must be true or false");
        }
        return new IntakeLimits(
                r.integer("/complaintIntake/perClient", d.perClient(), 1, 1_000_000),
                r.duration(
                        "/complaintIntake/perClientWindow", d.perClientWindow().toString()),
                r.integer("/complaintIntake/overall", d.overall(), 1, 100_000_000),
                r.duration("/complaintIntake/overallWindow", d.overallWindow().toString()),
                trust.asBoolean(d.trustForwardedFor()));
    }

    private static List<Staff> staff(Reader r, JsonNode list, Registry registry, Function<String, String> env) {
        List<Staff> staff = new ArrayList<>();
        if (list.isMissingNode()) {
            return staff;
        }
        if (!list.isArray()) {
            r.problem("/staff", "must be a list of people (name, role, tokenSha256)");
            return staff;
        }
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "/staff/" + i;
            String name = r.text(p + "/name", true);
            String roleName = r.text(p + "/role", true);
            String teamId = r.text(p + "/team", false);
            String hash = tokenHash(r, p, env);
            r.onlyKeys(
                    p, Set.of("name", "role", "team", "tokenSha256", "tokenSha256Env", "level", "towns", "superior"));
            if (name != null && !names.add(name)) {
                r.problem(p + "/name", "another person is already called " + name);
            }
            Role role = roleName == null ? null : Role.fromWire(roleName).orElse(null);
            if (roleName != null && role == null) {
                r.problem(
                        p + "/role",
                        "unknown role " + roleName
                                + " (duty-officer, duty-leader, team-member, monitor, leader, hotline)");
            }
            Set<String> towns = Set.of();
            if (role == Role.TEAM_MEMBER) {
                if (teamId == null) {
                    r.problem(p, "a team member needs a team");
                } else {
                    Team team = registry.team(teamId).orElse(null);
                    if (team == null) {
                        r.problem(p + "/team", "no team " + teamId + " in the registry");
                    } else {
                        towns = Set.copyOf(team.towns());
                    }
                }
            } else if (teamId != null && role != null) {
                r.problem(p + "/team", "only a team member has a team");
            }
            if (hash != null && !SHA256.matcher(hash).matches()) {
                r.problem(
                        p + (r.tree.at(p + "/tokenSha256Env").isMissingNode() ? "/tokenSha256" : "/tokenSha256Env"),
                        "must be the token's SHA-256 as 64 lower-case hex digits "
                                + "(printf %s \"$TOKEN\" | sha256sum), never the token itself");
            } else if (hash != null && !hashes.add(hash)) {
                r.problem(p + "/tokenSha256", "another person has the same token");
            }
            if (name != null && role != null && hash != null) {
                staff.add(new Staff(name, role, teamId, towns, hash));
            }
        }
        return staff;
    }

    /**
     * A person's token hash: inline ({@code tokenSha256}) or from the environment
     * ({@code tokenSha256Env}), so that a shipped settings file names no one's token and each
     * deployment brings its own.
     */
    private static String tokenHash(Reader r, String p, Function<String, String> env) {
        String inline = r.text(p + "/tokenSha256", false);
        String variable = r.text(p + "/tokenSha256Env", false);
        if (inline != null && variable != null) {
            r.problem(p, "give tokenSha256 or tokenSha256Env, not both");
            return null;
        }
        if (variable != null) {
            String hash = env.apply(variable);
            if (hash == null || hash.isBlank()) {
                r.problem(
                        p + "/tokenSha256Env",
                        "the environment variable " + variable + " is not set " + "(printf %s \"$TOKEN\" | sha256sum)");
                return null;
            }
            r.refusePublished(p + "/tokenSha256Env", hash.strip(), TOKEN_PUBLISHED);
            return hash.strip();
        }
        if (inline == null && !r.tree.at(p).isMissingNode()) {
            r.problem(p + "/tokenSha256", "is missing (or tokenSha256Env: a variable holding it)");
        }
        r.refusePublished(p + "/tokenSha256", inline, TOKEN_PUBLISHED);
        return inline;
    }

    private static List<ChannelSettings> channels(
            Reader r, JsonNode list, Registry registry, Function<String, String> env, Set<String> leaders) {
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
            if (id != null && !ID.matcher(id).matches()) {
                r.problem(p + "/id", "must be letters, digits, '.', '_' or '-'");
            } else if (id != null && !ids.add(id)) {
                r.problem(p + "/id", "another channel is already called " + id);
            }
            if (type != null && !CHANNEL_TYPES.contains(type)) {
                r.problem(p + "/type", "unknown channel type " + type + " (known: " + CHANNEL_TYPES + ")");
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

    /** Reads values by JSON pointer and records what is wrong with them, with their lines. */
    private static final class Reader {
        final RegistryLoader.Locator at;
        final JsonNode tree;
        final List<String> problems = new ArrayList<>();
        /** The demo's published secrets when a deployment's file is read; empty when they are allowed. */
        final Set<String> published;

        Reader(RegistryLoader.Locator at, JsonNode tree, Set<String> published) {
            this.at = at;
            this.tree = tree;
            this.published = published;
        }

        /** A problem at {@code pointer} when {@code secret} is one of the demo's published ones. */
        void refusePublished(String pointer, String secret, String why) {
            if (secret != null && published.contains(secret)) {
                problem(pointer, why);
            }
        }

        void problem(String pointer, String message) {
            problems.add(at.at(pointer) + ": " + message);
        }

        String text(String pointer, boolean required) {
            JsonNode node = tree.at(pointer);
            if (node.isMissingNode() || node.isNull()) {
                if (required) {
                    problem(pointer, "is missing");
                }
                return null;
            }
            if (!node.isValueNode() || node.asText().isBlank()) {
                problem(pointer, "must be a non-empty text");
                return null;
            }
            return node.asText();
        }

        Duration duration(String pointer, String fallback) {
            JsonNode node = tree.at(pointer);
            String text = node.isMissingNode() || node.isNull() ? fallback : node.asText();
            try {
                Duration d = Duration.parse(text);
                if (d.isNegative() || d.isZero()) {
                    problem(pointer, "must be longer than zero");
                    return Duration.parse(fallback);
                }
                return d;
            } catch (DateTimeParseException e) {
                problem(pointer, "must be an ISO-8601 duration such as PT5M, not " + text);
                return Duration.parse(fallback);
            }
        }

        int integer(String pointer, int fallback, int min, int max) {
            JsonNode node = tree.at(pointer);
            if (node.isMissingNode() || node.isNull()) {
                return fallback;
            }
            if (!node.isInt() || node.asInt() < min || node.asInt() > max) {
                problem(pointer, "must be a whole number from " + min + " to " + max);
                return fallback;
            }
            return node.asInt();
        }

        void onlyKeys(String pointer, Set<String> known) {
            JsonNode node = tree.at(pointer);
            if (!node.isObject()) {
                problem(pointer, "must be a mapping");
                return;
            }
            node.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    problem(pointer + "/" + name, "unknown key (known: " + new TreeSet<>(known) + ")");
                }
            });
        }
    }

    /** Settings that cannot be used, with every problem found and its line. */
    public static final class Invalid extends IllegalArgumentException {
        private final List<String> problems;

        Invalid(String source, List<String> problems) {
            super("duty settings " + source + " are invalid (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
