package io.envwatch.alerting.alerts;

import java.util.Collection;
import java.util.List;

/** The job's severity levels, lowest first, and the step an escalation adds. */
public final class Severities {
    public static final List<String> LEVELS = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    private Severities() {}

    public static int rank(String severity) {
        return Math.max(0, LEVELS.indexOf(severity));
    }

    /** The worst severity among some alerts as 1 (LOW) .. 4 (CRITICAL), or 0 when there are none. */
    public static int worstRank(Collection<Alert> alerts) {
        return alerts.stream().mapToInt(a -> rank(a.severity()) + 1).max().orElse(0);
    }

    /** {@code severity} raised by {@code steps}, capped at CRITICAL. */
    public static String raise(String severity, int steps) {
        return LEVELS.get(Math.min(LEVELS.size() - 1, rank(severity) + steps));
    }
}
