package io.envwatch.stream.storage;

import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One line of InfluxDB line protocol read back: measurement, tags, fields (as written: {@code 3i},
 * {@code 50.5}, {@code true}, or a string's unescaped text) and the timestamp in milliseconds (the
 * precision every EnvWatch point has, and the one VictoriaMetrics keeps).
 */
record WirePoint(
        String measurement,
        TreeMap<String, String> tags,
        TreeMap<String, String> fields,
        Set<String> texts,
        long millis) {

    /** Measurement, tags and millisecond: what identifies a point to InfluxDB. */
    String key() {
        return measurement + tags + "@" + millis;
    }

    static WirePoint parse(String line) {
        int[] at = {0};
        String measurement = until(line, at, ", ");
        TreeMap<String, String> tags = new TreeMap<>();
        while (at[0] < line.length() && line.charAt(at[0]) == ',') {
            at[0]++;
            String key = until(line, at, "=");
            at[0]++;
            tags.put(key, until(line, at, ", "));
        }
        at[0]++; // the space before the fields
        TreeMap<String, String> fields = new TreeMap<>();
        Set<String> texts = new TreeSet<>();
        while (true) {
            String key = until(line, at, "=");
            at[0]++;
            if (line.charAt(at[0]) == '"') {
                texts.add(key);
                fields.put(key, quoted(line, at));
            } else {
                fields.put(key, until(line, at, ", "));
            }
            if (line.charAt(at[0]) == ' ') {
                break;
            }
            at[0]++; // the comma before the next field
        }
        long nanos = Long.parseLong(line.substring(at[0] + 1).trim());
        return new WirePoint(measurement, tags, fields, texts, nanos / 1_000_000L);
    }

    /** Text up to the first unescaped character of {@code stops}, unescaped. */
    private static String until(String line, int[] at, String stops) {
        StringBuilder text = new StringBuilder();
        while (at[0] < line.length() && stops.indexOf(line.charAt(at[0])) < 0) {
            char c = line.charAt(at[0]++);
            if (c == '\\' && at[0] < line.length()) {
                c = line.charAt(at[0]++);
            }
            text.append(c);
        }
        return text.toString();
    }

    private static String quoted(String line, int[] at) {
        StringBuilder text = new StringBuilder();
        at[0]++; // the opening quote
        while (line.charAt(at[0]) != '"') {
            char c = line.charAt(at[0]++);
            if (c == '\\' && (line.charAt(at[0]) == '"' || line.charAt(at[0]) == '\\')) {
                c = line.charAt(at[0]++);
            }
            text.append(c);
        }
        at[0]++; // the closing quote
        return text.toString();
    }

    /** A number field's value as written ({@code 3i}, {@code 50.5}, {@code true}) as a double. */
    static double number(String written) {
        if (written.equals("true") || written.equals("t") || written.equals("T") || written.equals("TRUE")) {
            return 1.0;
        }
        if (written.equals("false") || written.equals("f") || written.equals("F") || written.equals("FALSE")) {
            return 0.0;
        }
        String digits =
                written.endsWith("i") || written.endsWith("u") ? written.substring(0, written.length() - 1) : written;
        return Double.parseDouble(digits);
    }
}
