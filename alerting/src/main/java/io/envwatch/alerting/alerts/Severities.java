package io.envwatch.alerting.alerts;

import java.util.List;

/** The job's severity levels, lowest first, and the step an escalation adds. */
public final class Severities {
    public static final List<String> LEVELS = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    private Severities() {}

    public static int rank(String severity) {
        return Math.max(0, LEVELS.indexOf(severity));
    }

    /** {@code severity} raised by {@code steps}, capped at CRITICAL. */
    public static String raise(String severity, int steps) {
        return LEVELS.get(Math.min(LEVELS.size() - 1, rank(severity) + steps));
    }
}
