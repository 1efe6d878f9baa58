package io.envwatch.alerting;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.envwatch.alerting.alerts.AlertSettings;
import io.envwatch.alerting.cases.CaseSettings;
import io.envwatch.alerting.intake.IntakeLimits;
import io.envwatch.alerting.notifications.ChannelSettings;
import io.envwatch.alerting.patrols.PatrolSettings;
import io.envwatch.alerting.reception.ReceptionSettings;
import io.envwatch.alerting.settings.SettingsReader;
import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.staff.StaffSettings;
import io.envwatch.alerting.supervision.SupervisionSettings;
import io.envwatch.alerting.tips.TipSettings;
import io.envwatch.alerting.web.ConnectionLimits;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the duty service's settings (YAML) and checks them whole against the registry, naming the
 * line of every problem, so the service never starts with a team that does not exist, a token that
 * is not a hash or a webhook without its signing secret.
 */
public final class DutySettingsLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> TOP = List.of(
            "deadlines",
            "reopenWithin",
            "incidentLookback",
            "pollEvery",
            "consoleUrl",
            "dutyRooms",
            "staff",
            "channels",
            "complaintIntake",
            "cases",
            "tips",
            "http",
            "reception",
            "supervision",
            "patrols");
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
        SettingsReader r = new SettingsReader(at, tree, refusePublished ? published() : Set.of());
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP.contains(name)) {
                r.problem("/" + name, "unknown setting (known: " + TOP + ")");
            }
        }
        AlertSettings alerts = AlertSettings.read(r, registry);
        List<Staff> staff = StaffSettings.read(r, tree.path("staff"), registry, alerts.roomTowns(), env);
        Set<String> leaders = new HashSet<>();
        tree.path("staff").forEach(person -> {
            if ("leader".equals(person.path("role").asText())) {
                leaders.add(person.path("name").asText());
            }
        });
        List<ChannelSettings> channels = ChannelSettings.read(
                r,
                tree.path("channels"),
                registry,
                env,
                leaders,
                alerts.roomTowns().keySet());
        IntakeLimits limits = IntakeLimits.read(r);
        CaseSettings cases = CaseSettings.read(r, registry);
        TipSettings tips = TipSettings.read(r, env);
        ConnectionLimits http = ConnectionLimits.read(r);
        ReceptionSettings reception = ReceptionSettings.read(r, registry, leaders);
        SupervisionSettings supervision = SupervisionSettings.read(r);
        Map<String, Role> roles = new HashMap<>();
        staff.forEach(person -> roles.put(person.name(), person.role()));
        PatrolSettings patrols = PatrolSettings.read(r, registry, roles, env);
        if (!r.problems().isEmpty()) {
            throw new Invalid(source, r.problems());
        }
        return new DutySettings(alerts, staff, channels, limits, cases, tips, http, reception, supervision, patrols);
    }

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
