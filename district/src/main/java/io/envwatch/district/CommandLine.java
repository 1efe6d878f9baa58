package io.envwatch.district;

import java.util.HashMap;
import java.util.Map;

/** The platform's processes' command lines: {@code --name value} pairs, and {@code --name} alone for true. */
public final class CommandLine {
    private CommandLine() {}

    /** The flags, by name without the dashes. */
    public static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            flags.put(name, hasValue ? args[++i] : "true");
        }
        return flags;
    }
}
