package io.envwatch.alerting.supervision;

import io.envwatch.alerting.settings.SettingsReader;
import java.util.Set;

/**
 * The rule that puts a village under special supervision (docs/ledger.md, "Supervision"): its
 * complaints rose more than {@code complaintsRisePercent} over the month before (at least
 * {@code minComplaints} of them), its escalated complaints so far this year exceed last year's by
 * the same date, or a ledger case about one of its sources is overdue; released once the rule has
 * not held for {@code releaseAfterMonths} months in a row.
 */
public record SupervisionSettings(int complaintsRisePercent, int minComplaints, int releaseAfterMonths) {
    public static final SupervisionSettings DEFAULTS = new SupervisionSettings(30, 3, 2);

    public static SupervisionSettings read(SettingsReader r) {
        if (r.missing("/supervision")) {
            return DEFAULTS;
        }
        r.onlyKeys("/supervision", Set.of("complaintsRisePercent", "minComplaints", "releaseAfterMonths"));
        return new SupervisionSettings(
                r.integer("/supervision/complaintsRisePercent", DEFAULTS.complaintsRisePercent(), 1, 1000),
                r.integer("/supervision/minComplaints", DEFAULTS.minComplaints(), 1, 100_000),
                r.integer("/supervision/releaseAfterMonths", DEFAULTS.releaseAfterMonths(), 1, 24));
    }
}
