package io.envwatch.alerting.alerts;

/** A duty alert as the API shows it, read from the {@code duty_alert} measurement. */
public record AlertView(
        String id,
        String state,
        String kind,
        String site,
        String town,
        String team,
        String quantity,
        double value,
        double peak,
        double limit,
        String period,
        String openedAt,
        long updatedAt,
        String severity,
        /** Residential buildings in range, nearest first, as "id@metres". */
        java.util.List<String> buildings) {}
