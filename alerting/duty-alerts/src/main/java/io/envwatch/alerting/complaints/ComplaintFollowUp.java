package io.envwatch.alerting.complaints;

import io.envwatch.alerting.alerts.Alert;
import io.envwatch.alerting.alerts.AlertBook;
import io.envwatch.alerting.alerts.AlertFilter;
import io.envwatch.alerting.alerts.AlertState;
import io.envwatch.alerting.claims.ClaimCodes;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.schema.ComplaintClaimPoint;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.Row;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What replaces a callback number: a complainant gets a claim code with their receipt and, with it
 * alone, reads how their complaint went (received, corroborated or not, an officer on scene,
 * resolved and how), without EnvWatch ever keeping a contact. Blocking (hashes and InfluxQL):
 * call it from a worker.
 */
public final class ComplaintFollowUp {
    private final InfluxQlRows reads;
    private final InfluxWrites writes;
    private final AlertBook alerts;
    private final Clock clock;

    public ComplaintFollowUp(InfluxQlRows reads, InfluxWrites writes, AlertBook alerts, Clock clock) {
        this.reads = reads;
        this.writes = writes;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The code for an accepted complaint; only its hash is stored. */
    public String issue(Complaint complaint) {
        ClaimCodes.Issued code = ClaimCodes.issue(complaint.id);
        writes.write(new ComplaintClaimPoint(complaint.id, code.storedHash(), clock.millis() * 1_000_000L).toLine());
        return code.code();
    }

    /** The complaint's progress for its code, or empty for a wrong code. */
    public Optional<JsonObject> status(String code) {
        ClaimCodes.Parts parts = ClaimCodes.parse(code);
        if (parts == null) {
            return Optional.empty();
        }
        List<Row> claims = reads.rows(InfluxQl.selectAll(ComplaintClaimPoint.MEASUREMENT) + " WHERE "
                + ComplaintClaimPoint.COMPLAINT.is(parts.id()) + " LIMIT 1");
        if (!ClaimCodes.matches(
                parts.secret(),
                claims.isEmpty()
                        ? null
                        : ComplaintClaimPoint.fromRow(claims.get(0)).claimHash())) {
            return Optional.empty();
        }
        String id = parts.id();
        List<Row> decided = reads.rows(InfluxQl.select(ComplaintPoint.MEASUREMENT, ComplaintPoint.OUTCOME) + " WHERE "
                + ComplaintPoint.ID.is(id) + " LIMIT 1");
        JsonObject status = new JsonObject()
                .put("complaint", id)
                .put("status", decided.isEmpty() ? "received" : decided.get(0).text(ComplaintPoint.OUTCOME));
        Alert alert = alerts.read(b -> b.find(AlertFilter.everything()).stream()
                .filter(a -> a.incident().complaints().contains(id))
                .findFirst()
                .orElse(null));
        if (alert != null) {
            status.put("officerOnScene", alert.onSceneAt() > 0)
                    .put(
                            "resolved",
                            alert.state() == AlertState.RESOLVED
                                    || alert.state().isClosed())
                    .put(
                            "findings",
                            alert.resolutionCode() == null
                                    ? null
                                    : alert.resolutionCode().replace('-', ' '));
        } else {
            status.put("officerOnScene", false).put("resolved", false).putNull("findings");
        }
        return Optional.of(status);
    }
}
