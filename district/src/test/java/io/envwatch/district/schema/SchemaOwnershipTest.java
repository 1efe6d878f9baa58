package io.envwatch.district.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schema's names live in its point types and nowhere else in the platform's main Java: no
 * hand-written InfluxQL identifier ({@code \"duty_alert\"} inside a Java string) outside them, and
 * no string literal of a name that could mean nothing else (one with an underscore). Plain words
 * that are also measurements or columns ("incident", "state") may still be JSON keys of the API.
 */
class SchemaOwnershipTest {
    /** A line that builds InfluxQL (JSON bodies also quote names, and are not the schema's business). */
    private static final Pattern INFLUXQL = Pattern.compile("SELECT|FROM|WHERE|GROUP BY|SHOW TAG");

    @Test
    void schemaNamesAreWrittenOnlyInThePointTypes() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (Measurement m : Schema.MEASUREMENTS) {
            names.add(m.name());
            m.columns().forEach(c -> names.add(c.name()));
        }
        Map<String, List<String>> elsewhere = new TreeMap<>();
        List<Path> sources = mainSources();
        assertThat(sources).hasSizeGreaterThan(100);
        for (Path source : sources) {
            if (source.getFileName().toString().endsWith("Point.java")) {
                continue;
            }
            String text = Files.readString(source);
            List<String> influxQl =
                    text.lines().filter(l -> INFLUXQL.matcher(l).find()).toList();
            for (String name : names) {
                boolean identifier = influxQl.stream()
                        .anyMatch(l -> l.contains("\\\"" + name + "\\\"") || l.matches(".*FROM " + name + "\\b.*"));
                boolean distinct = name.contains("_") && text.contains("\"" + name + "\"");
                if (identifier || distinct) {
                    elsewhere
                            .computeIfAbsent(name, n -> new ArrayList<>())
                            .add(source.getFileName().toString());
                }
            }
        }
        assertThat(elsewhere)
                .as("schema names written outside the schema's point types")
                .isEmpty();
    }

    @Test
    void eachMeasurementIsDeclaredOnce() throws IOException {
        for (Measurement m : Schema.MEASUREMENTS) {
            long declarations = 0;
            for (Path source : mainSources()) {
                if (Pattern.compile("new Measurement\\(\\s*\"" + Pattern.quote(m.name()) + "\"")
                        .matcher(Files.readString(source))
                        .find()) {
                    declarations++;
                }
            }
            assertThat(declarations).as(m.name()).isEqualTo(1);
        }
        assertThat(Schema.MEASUREMENTS.stream().map(Measurement::name).distinct())
                .hasSameSizeAs(Schema.MEASUREMENTS);
        long declared = 0;
        for (Path source : mainSources()) {
            declared += Pattern.compile("new Measurement\\(")
                    .matcher(Files.readString(source))
                    .results()
                    .count();
        }
        assertThat(declared)
                .as("measurements declared, all of them listed in Schema.MEASUREMENTS")
                .isEqualTo(Schema.MEASUREMENTS.size());
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(".."))) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/"))
                    .filter(f -> !f.toString().contains("/node_modules/"))
                    .toList();
        }
    }
}
