package io.envwatch.hj212.packets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A packet's command parameters, {@code CP=&&…&&}: groups separated by {@code ;}, each of
 * comma-separated {@code name=value} pairs. A pollutant's values are named {@code <code>-<kind>}
 * ({@code LA-Rtd=50.1,LA-Flag=N}, {@code w21011-Avg=0.12}); the others are plain
 * ({@code DataTime=20160801085857}, {@code BeginTime}, {@code EndTime}, {@code QnRtn}, {@code ExeRtn}).
 */
public record Cp(String text, Map<String, String> plain, Map<String, Map<String, String>> pollutants) {

    public Cp {
        plain = Collections.unmodifiableMap(new LinkedHashMap<>(plain));
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        pollutants.forEach((code, values) -> copy.put(code, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        pollutants = Collections.unmodifiableMap(copy);
    }

    public static final Cp EMPTY = new Cp("", Map.of(), Map.of());

    /** Command parameters with only plain fields, in the order given ({@code BeginTime}, {@code EndTime}). */
    public static Cp of(Map<String, String> plain) {
        List<String> pairs = new ArrayList<>();
        plain.forEach((name, value) -> pairs.add(name + "=" + value));
        return new Cp(String.join(";", pairs), plain, Map.of());
    }

    /**
     * A data packet's parameters: {@code DataTime} then one group per pollutant code, its values by
     * kind ({@code Rtd}, {@code Avg}, {@code Flag}, ...) in the order given.
     */
    public static Cp data(String dataTime, Map<String, Map<String, String>> pollutants) {
        List<String> groups = new ArrayList<>();
        groups.add("DataTime=" + dataTime);
        pollutants.forEach((code, values) -> {
            List<String> pairs = new ArrayList<>();
            values.forEach((kind, value) -> pairs.add(code + "-" + kind + "=" + value));
            groups.add(String.join(",", pairs));
        });
        return parse(String.join(";", groups));
    }

    static Cp parse(String text) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, Map<String, String>> pollutants = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return new Cp(text, plain, pollutants);
        }
        for (String group : text.split(";", -1)) {
            if (group.isEmpty()) {
                continue; // a trailing ';' (ExeRtn=1;&&) is common and harmless
            }
            for (String pair : group.split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new PacketException(
                            "bad-field", "a CP value must be name=value, not " + Packet.shorten(pair));
                }
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                int dash = name.lastIndexOf('-');
                if (dash > 0 && dash < name.length() - 1) {
                    Map<String, String> values =
                            pollutants.computeIfAbsent(name.substring(0, dash), c -> new LinkedHashMap<>());
                    if (values.put(name.substring(dash + 1), value) != null) {
                        throw new PacketException("bad-field", name + " is given twice");
                    }
                } else if (plain.put(name, value) != null) {
                    throw new PacketException("bad-field", name + " is given twice");
                }
            }
        }
        return new Cp(text, plain, pollutants);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(plain.get(name));
    }
}
