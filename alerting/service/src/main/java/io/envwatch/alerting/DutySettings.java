package io.envwatch.alerting;

import io.envwatch.alerting.cases.CaseSettings;
import io.envwatch.alerting.intake.IntakeLimits;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.tips.TipSettings;
import io.envwatch.alerting.web.ConnectionLimits;
import java.time.Duration;
import java.util.List;

/**
 * How the duty service works the alerts: deadlines, reopening, polling, who may sign in and where
 * notifications go. Read from a YAML file by {@link DutySettingsLoader}, which validates it whole.
 *
 * @param acknowledgeWithin an open alert not acknowledged this long after it opened escalates
 * @param onSceneWithin an acknowledged alert nobody reported on scene this long after escalates
 * @param reopenWithin a new incident of the same site and rule this soon after a resolution
 *     reopens the resolved alert instead of opening another
 * @param incidentLookback how far back the service looks for the job's incidents on each poll
 * @param pollEvery how often it looks
 * @param intakeLimits how many complaints the public intake takes, per client address and overall
 * @param cases the ledger's evidence period, owner levels and leaders (docs/ledger.md)
 * @param tips rewarded tips: classes and rewards, the sealing key, wrong claim codes allowed
 * @param http what clients may hold of the HTTP server: connections per address and overall, deadlines
 */
public record DutySettings(
        Duration acknowledgeWithin,
        Duration onSceneWithin,
        Duration reopenWithin,
        Duration incidentLookback,
        Duration pollEvery,
        List<Staff> staff,
        List<ChannelSettings> channels,
        IntakeLimits intakeLimits,
        CaseSettings cases,
        TipSettings tips,
        ConnectionLimits http) {

    /**
     * One notification channel.
     *
     * @param audience {@code duty-room}, {@code duty-leader} or {@code team:<team id>}
     * @param secret the HMAC key, resolved from {@code secretEnv} or given inline
     */
    public record ChannelSettings(
            String id,
            String type,
            String audience,
            String url,
            String secret,
            int maxAttempts,
            Duration firstRetryAfter) {}
}
