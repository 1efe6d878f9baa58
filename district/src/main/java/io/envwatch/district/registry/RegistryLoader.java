package io.envwatch.district.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.envwatch.district.limits.RegulatoryDefaults;
import io.envwatch.district.limits.RuleSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a site registry (YAML; JSON is valid YAML) and validates it as a whole, reporting every
 * problem with the line it is on and the entry it belongs to, so whoever edits the file can fix it
 * in one pass.
 */
public final class RegistryLoader {
    /** SnakeYAML stops at 3 MiB by default; a city-scale registry (100,000 sensors) is about 20. */
    static final int MAX_REGISTRY_CODE_POINTS = 64 * 1024 * 1024;

    private static final ObjectMapper YAML = new ObjectMapper(
                    YAMLFactory.builder().loaderOptions(largeDocuments()).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static LoaderOptions largeDocuments() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_REGISTRY_CODE_POINTS);
        return options;
    }

    /** The shipped limits table and rule settings. */
    public static final String DEFAULTS_RESOURCE = "/limits/regulatory-defaults.yaml";

    /** The sample district shipped with EnvWatch (a Dongguan-like area around the Shima River). */
    public static final String SAMPLE_RESOURCE = "/registry/sample-dongguan.yaml";

    private RegistryLoader() {}

    public static Registry load(Path path) {
        try {
            return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read site registry " + path, e);
        }
    }

    public static Registry sample() {
        return parse("sample-dongguan.yaml", sampleText());
    }

    /** The sample registry's YAML, for callers that add to it (the demo lays its rule settings over it). */
    public static String sampleText() {
        try (InputStream in = RegistryLoader.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "sample registry " + SAMPLE_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the registry named by a path, or the sample when the path is null or empty. */
    public static Registry loadOrSample(String path) {
        return path == null || path.isBlank() ? sample() : load(Path.of(path));
    }

    public static Registry parse(String sourceName, String text) {
        return parse(sourceName, text, null);
    }

    /** @param shipped what the text came in as, when it was shipped; null to make it from the text */
    static Registry parse(String sourceName, String text, Shipped shipped) {
        Map<String, Integer> lines;
        JsonNode tree;
        try {
            lines = lineIndex(text);
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new RegistryException(
                    sourceName,
                    List.of("line " + (at == null ? "?" : at.getLineNr()) + ": not valid YAML: "
                            + e.getOriginalMessage()));
        }
        if (tree == null || !tree.isObject()) {
            throw new RegistryException(
                    sourceName, List.of("line 1: the registry must be a mapping with towns, teams and sites"));
        }
        RegistryFile file;
        try {
            file = YAML.treeToValue(tree, RegistryFile.class);
        } catch (JsonMappingException e) {
            String pointer = pointerOf(e.getPath());
            String message = e.getOriginalMessage().split("\n")[0];
            if (message.startsWith("Cannot map `null`")) {
                message = "is missing";
            }
            int problem = message.indexOf("problem: ");
            throw new RegistryException(
                    sourceName,
                    List.of(new Locator(lines, tree).at(pointer) + ": "
                            + (problem >= 0 ? message.substring(problem + "problem: ".length()) : message)));
        } catch (JsonProcessingException e) {
            throw new RegistryException(sourceName, List.of(e.getOriginalMessage()));
        }
        List<String> problems = new RegistryValidator(file, new Locator(lines, tree)).validate();
        ObjectNode defaults = defaultsTree();
        RuleSettings rules = null;
        try {
            if (file.rules() != null) {
                mergeInto((ObjectNode) defaults.get("rules"), file.rules());
            }
            rules = YAML.treeToValue(defaults.get("rules"), RuleSettings.class);
            problems.addAll(RuleSettingsValidator.validate(rules, new Locator(lines, tree)));
        } catch (JsonProcessingException | ClassCastException e) {
            String message = e instanceof JsonProcessingException jpe
                    ? jpe.getOriginalMessage().split("\n")[0]
                    : e.getMessage();
            problems.add(new Locator(lines, tree).at("/rules") + ": " + message);
        }
        if (!problems.isEmpty()) {
            throw new RegistryException(sourceName, problems);
        }
        try {
            RegulatoryDefaults table =
                    YAML.treeToValue(defaults, DefaultsFile.class).table();
            return new Registry(file, table, rules, shipped == null ? Shipped.of(sourceName, text) : shipped);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "the shipped " + DEFAULTS_RESOURCE + " is broken: " + e.getOriginalMessage(), e);
        }
    }

    /** The shipped defaults file: the limits table plus the default rule settings. */
    private record DefaultsFile(
            RegulatoryDefaults.Noise noise,
            Map<String, Map<String, Double>> odour,
            RegulatoryDefaults.Phosphorus phosphorus,
            JsonNode rules) {
        RegulatoryDefaults table() {
            return new RegulatoryDefaults(noise, odour, phosphorus);
        }
    }

    private static ObjectNode defaultsTree() {
        try (InputStream in = RegistryLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Overrides values in {@code target} with those in {@code overrides}, object by object. */
    private static void mergeInto(ObjectNode target, JsonNode overrides) {
        if (!overrides.isObject()) {
            throw new ClassCastException("rules must be a mapping of rule families");
        }
        overrides.fields().forEachRemaining(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode object && entry.getValue().isObject()) {
                mergeInto(object, entry.getValue());
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        });
    }

    private static String pointerOf(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            pointer.append('/')
                    .append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return pointer.toString();
    }

    /** Maps each JSON pointer in the document to the line where its value starts. */
    private static Map<String, Integer> lineIndex(String text) throws JsonProcessingException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                JsonPointer pointer = parser.getParsingContext().pathAsPointer();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    pointer = parser.getParsingContext().getParent() == null
                            ? JsonPointer.empty()
                            : parser.getParsingContext().getParent().pathAsPointer();
                }
                lines.putIfAbsent(
                        pointer.toString(), parser.currentTokenLocation().getLineNr());
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /**
     * A locator for another YAML file of the platform's (the duty service's settings), so its
     * problems are reported the same way: line, then path.
     */
    public static Locator locator(String text, JsonNode tree) throws JsonProcessingException {
        return new Locator(lineIndex(text), tree);
    }

    /** Names a place in the file for a person: its line and, inside a list, the entry's id. */
    public static final class Locator {
        private final Map<String, Integer> lines;
        private final JsonNode tree;

        Locator(Map<String, Integer> lines, JsonNode tree) {
            this.lines = lines;
            this.tree = tree;
        }

        public String at(String pointer) {
            String p = pointer;
            Integer line = null;
            while (line == null && !p.isEmpty()) {
                line = lines.get(p);
                if (line == null) {
                    p = p.substring(0, p.lastIndexOf('/'));
                }
            }
            StringBuilder where =
                    new StringBuilder("line ").append(line == null ? 1 : line).append(' ');
            where.append(readable(pointer));
            return where.toString();
        }

        /** "/sites/3/lat" becomes "sites[3] (id NS-04) lat". */
        private String readable(String pointer) {
            String[] parts = pointer.split("/");
            StringBuilder out = new StringBuilder();
            JsonNode node = tree;
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i];
                boolean index = node != null && node.isArray();
                node = node == null ? null : index ? node.get(Integer.parseInt(part)) : node.get(part);
                if (index) {
                    out.append('[').append(part).append(']');
                    if (node != null && node.hasNonNull("id")) {
                        out.append(" (id ").append(node.get("id").asText()).append(')');
                    }
                } else {
                    out.append(out.length() == 0 ? "" : ".").append(part);
                }
            }
            return out.length() == 0 ? "(top level)" : out.toString();
        }
    }
}
