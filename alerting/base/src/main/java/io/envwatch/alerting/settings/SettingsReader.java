package io.envwatch.alerting.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.district.registry.RegistryLoader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a settings file's values by JSON pointer and records what is wrong with them, each with
 * its line, so that a file is checked whole and every problem is told at once. Each capability
 * reads its own section with one of these; the service's loader composes them.
 */
public final class SettingsReader {
    /** An id a person types: letters, digits, '.', '_' or '-', up to 64. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final RegistryLoader.Locator lines;
    private final JsonNode tree;
    private final List<String> problems = new ArrayList<>();
    /** The demo's published secrets when a deployment's file is read; empty when they are allowed. */
    private final Set<String> published;

    public SettingsReader(RegistryLoader.Locator at, JsonNode tree, Set<String> published) {
        this.lines = at;
        this.tree = tree;
        this.published = published;
    }

    /** Whether this is a deployment's file (the demo's published secrets are refused in it). */
    public boolean deployment() {
        return !published.isEmpty();
    }

    /** A problem at {@code pointer} when {@code secret} is one of the demo's published ones. */
    public void refusePublished(String pointer, String secret, String why) {
        if (secret != null && published.contains(secret)) {
            problem(pointer, why);
        }
    }

    public void problem(String pointer, String message) {
        problems.add(lines.at(pointer) + ": " + message);
    }

    public String text(String pointer, boolean required) {
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

    public Duration duration(String pointer, String fallback) {
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

    public int integer(String pointer, int fallback, int min, int max) {
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

    public void onlyKeys(String pointer, Set<String> known) {
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

    /** The node at a pointer (missing when absent). */
    public JsonNode at(String pointer) {
        return tree.at(pointer);
    }

    /** Whether a section or key is absent. */
    public boolean missing(String pointer) {
        return tree.at(pointer).isMissingNode();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
