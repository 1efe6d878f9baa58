package io.envwatch.alerting;

import io.envwatch.alerting.alerts.AlertSettings;
import io.envwatch.alerting.cases.CaseSettings;
import io.envwatch.alerting.intake.IntakeLimits;
import io.envwatch.alerting.notifications.ChannelSettings;
import io.envwatch.alerting.patrols.PatrolSettings;
import io.envwatch.alerting.reception.ReceptionSettings;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.supervision.SupervisionSettings;
import io.envwatch.alerting.tips.TipSettings;
import io.envwatch.alerting.web.ConnectionLimits;
import java.time.Duration;
import java.util.List;

/**
 * The duty service's settings, one section per capability, each read and checked by its own
 * module ({@link AlertSettings}, {@link ChannelSettings}, {@link CaseSettings}, {@link TipSettings},
 * the staff, intake and HTTP limits of the base) and composed by {@link DutySettingsLoader}, which
 * reports every problem of the file at once.
 *
 * @param alerts deadlines, reopening and polling of the duty room's alerts
 * @param intakeLimits how many complaints the public intake takes, per client address and overall
 * @param cases the ledger's evidence period, owner levels and leaders (docs/ledger.md)
 * @param tips rewarded tips: classes and rewards, the sealing key, wrong claim codes allowed; null without
 * @param http what clients may hold of the HTTP server: connections per address and overall, deadlines
 * @param reception the leaders' monthly reception days (docs/ledger.md)
 * @param supervision the rule that puts villages under special supervision (docs/ledger.md)
 * @param patrols the towns' grids, their officers and rounds, and where the findings' photos go (docs/ledger.md)
 */
public record DutySettings(
        AlertSettings alerts,
        List<Staff> staff,
        List<ChannelSettings> channels,
        IntakeLimits intakeLimits,
        CaseSettings cases,
        TipSettings tips,
        ConnectionLimits http,
        ReceptionSettings reception,
        SupervisionSettings supervision,
        PatrolSettings patrols) {

    public Duration acknowledgeWithin() {
        return alerts.acknowledgeWithin();
    }

    public Duration onSceneWithin() {
        return alerts.onSceneWithin();
    }

    public Duration reopenWithin() {
        return alerts.reopenWithin();
    }

    public Duration incidentLookback() {
        return alerts.incidentLookback();
    }

    public Duration pollEvery() {
        return alerts.pollEvery();
    }
}
