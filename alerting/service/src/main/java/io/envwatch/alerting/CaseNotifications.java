package io.envwatch.alerting;

import io.envwatch.alerting.cases.Case;
import io.envwatch.alerting.cases.CaseAction;
import io.envwatch.alerting.cases.CaseBook;
import io.envwatch.alerting.cases.CaseEvent;
import io.envwatch.alerting.cases.CaseJson;
import io.envwatch.alerting.cases.CaseLedger;
import io.envwatch.alerting.notifications.Audience;
import io.envwatch.alerting.notifications.Notification;
import io.envwatch.alerting.notifications.Notifier;
import io.envwatch.alerting.staff.Role;
import java.time.Clock;
import java.util.Set;

/**
 * Tells the leader a ledger case was escalated to, when its rectification deadline was missed:
 * the channels of {@code leader:<name>}, or of {@code duty-leader} above the highest leader. Sent
 * through the same channels, delivery log and delivery ids as the alerts' notifications.
 */
public final class CaseNotifications implements CaseLedger.CaseListener {
    private final Notifier notifier;
    private final CaseBook book;
    private final Clock clock;

    public CaseNotifications(Notifier notifier, CaseBook book, Clock clock) {
        this.notifier = notifier;
        this.book = book;
        this.clock = clock;
    }

    @Override
    public void changed(Case c, CaseEvent event) {
        if (escalation(event)) {
            notifier.send(notification(c, event), Set.of());
        }
    }

    /** After a restart: the escalations since {@code sinceNs} that no channel recorded an outcome of. */
    public int resendUnrecorded(long sinceNs, Set<String> recorded) {
        int resent = 0;
        for (Case c : book.find(c -> true)) {
            for (CaseEvent event : c.timeline()) {
                if (event.timeNanos() >= sinceNs && escalation(event)) {
                    resent += notifier.send(
                            notification(c, event), notifier.recordedChannels(deliveryId(event), recorded));
                }
            }
        }
        return resent;
    }

    private static boolean escalation(CaseEvent event) {
        return event.action() == CaseAction.ESCALATED && event.escalatedTo() != null;
    }

    private Notification notification(Case c, CaseEvent event) {
        Audience to = Role.DUTY_LEADER.wireName().equals(event.escalatedTo())
                ? Audience.DUTY_LEADER
                : Audience.leader(event.escalatedTo());
        return new Notification(
                "case.escalated",
                deliveryId(event),
                c.id(),
                CaseJson.summary(c, clock.millis(), book)
                        .put("escalatedTo", event.escalatedTo())
                        .put("note", event.note()),
                Set.of(to));
    }

    private static String deliveryId(CaseEvent event) {
        return event.caseId() + "/" + event.timeNanos();
    }
}
