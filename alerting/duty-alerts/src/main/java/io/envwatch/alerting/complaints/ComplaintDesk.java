package io.envwatch.alerting.complaints;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.Row;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which complaint ids have been accepted, so that a complaint sent twice with the same
 * external reference is accepted once: recent ids in memory (bounded), older ones looked up in
 * InfluxDB, where the job stores every complaint.
 */
public final class ComplaintDesk {
    private static final int REMEMBERED = 100_000;

    private final InfluxQlRows influx;
    /** What a duplicate's receipt echoes: the complaint as it was accepted, not as it was sent again. */
    public record Accepted(String id, String category, String town) {
        static Accepted of(Complaint c) {
            return new Accepted(c.id, c.category, c.town);
        }
    }

    private final Map<String, Accepted> recent = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Accepted> eldest) {
            return size() > REMEMBERED;
        }
    });

    /** Complaints with an external reference being accepted right now, by id, with their outcome to come. */
    private final Map<String, Claim> inFlight = new ConcurrentHashMap<>();

    public ComplaintDesk(InfluxQlRows influx) {
        this.influx = influx;
    }

    /** The complaint accepted before with this one's reference, if any. Blocking when not in memory: call it from a worker. */
    public Optional<Accepted> alreadyAccepted(Complaint complaint) {
        if (complaint.externalRef == null) {
            return Optional.empty();
        }
        Accepted known = recent.get(complaint.id);
        if (known != null) {
            return Optional.of(known);
        }
        List<Row> stored = influx.rows(InfluxQl.select(
                        ComplaintPoint.MEASUREMENT, ComplaintPoint.ID, ComplaintPoint.CATEGORY, ComplaintPoint.TOWN)
                + " WHERE " + ComplaintPoint.ID.is(complaint.id) + " LIMIT 1");
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Accepted found = new Accepted(
                complaint.id,
                stored.get(0).text(ComplaintPoint.CATEGORY),
                stored.get(0).text(ComplaintPoint.TOWN));
        recent.put(complaint.id, found);
        return Optional.of(found);
    }

    public void accepted(Complaint complaint) {
        recent.put(complaint.id, Accepted.of(complaint));
    }

    /** A complaint being accepted by another request: its outcome, and what it was. */
    public record Claim(CompletableFuture<Boolean> outcome, Accepted complaint) {}

    /**
     * Makes the check-and-publish of one reference atomic: the first request for an id gets null
     * and must {@link #settle} it; a request for the same id meanwhile gets the first one's outcome
     * to come (true when it was accepted), so two concurrent posts of one hotline ticket never
     * both publish.
     */
    public Claim claim(Complaint complaint) {
        return inFlight.putIfAbsent(complaint.id, new Claim(new CompletableFuture<>(), Accepted.of(complaint)));
    }

    /** Ends the first request's claim on an id with its outcome, for those that waited on it. */
    public void settle(String id, boolean accepted) {
        Claim claim = inFlight.remove(id);
        if (claim != null) {
            claim.outcome().complete(accepted);
        }
    }
}
