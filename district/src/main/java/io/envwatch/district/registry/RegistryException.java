package io.envwatch.district.registry;

import java.util.List;

/** A registry that cannot be used, with every problem found and the line each one is on. */
public final class RegistryException extends RuntimeException {
    private final List<String> problems;

    RegistryException(String source, List<String> problems) {
        super("site registry " + source + " is invalid (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
