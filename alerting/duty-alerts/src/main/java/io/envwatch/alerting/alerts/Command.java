package io.envwatch.alerting.alerts;

import java.util.List;
import java.util.Set;

/**
 * A person's request to move an alert on: {@code ack}, {@code dispatch}, {@code on-scene} or
 * {@code resolve} (which needs a resolution code).
 */
public record Command(AlertAction action, String code, String note) {
    public static final Set<String> RESOLUTION_CODES =
            Set.of("violation-confirmed", "no-violation-found", "sensor-fault", "duplicate", "other");
    public static final int MAX_NOTE = 2000;
    /** The path segments of {@code POST /api/v1/alerts/{id}/...}, in the lifecycle's order. */
    public static final List<String> VERBS = List.of("ack", "dispatch", "on-scene", "resolve");

    /** The action behind a path segment of {@code POST /api/v1/alerts/{id}/...}. */
    public static AlertAction actionOf(String verb) {
        return switch (verb) {
            case "ack" -> AlertAction.ACKNOWLEDGED;
            case "dispatch" -> AlertAction.DISPATCHED;
            case "on-scene" -> AlertAction.ON_SCENE;
            case "resolve" -> AlertAction.RESOLVED;
            default -> null;
        };
    }
}
