package io.envwatch.alerting.complaints;

import io.envwatch.alerting.store.InfluxQlRows;
import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.InfluxQl;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final Map<String, Boolean> recent = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    /** Complaints with an external reference being accepted right now, by id, with their outcome to come. */
    private final Map<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();

    public ComplaintDesk(InfluxQlRows influx) {
        this.influx = influx;
    }

    /** Blocking when the id is not in memory: call it from a worker. */
    public boolean alreadyAccepted(Complaint complaint) {
        if (complaint.externalRef == null) {
            return false;
        }
        if (recent.containsKey(complaint.id)) {
            return true;
        }
        boolean stored = !influx.rows(InfluxQl.select(ComplaintPoint.MEASUREMENT, ComplaintPoint.CATEGORY)
                + " WHERE " + ComplaintPoint.ID.is(complaint.id) + " LIMIT 1").isEmpty();
        if (stored) {
            recent.put(complaint.id, true);
        }
        return stored;
    }

    public void accepted(Complaint complaint) {
        recent.put(complaint.id, true);
    }

    /**
     * Makes the check-and-publish of one reference atomic: the first request for an id gets null
     * and must {@link #settle} it; a request for the same id meanwhile gets the first one's outcome
     * to come (true when it was accepted), so two concurrent posts of one hotline ticket never
     * both publish.
     */
    public CompletableFuture<Boolean> claim(String id) {
        return inFlight.putIfAbsent(id, new CompletableFuture<>());
    }

    /** Ends the first request's claim on an id with its outcome, for those that waited on it. */
    public void settle(String id, boolean accepted) {
        CompletableFuture<Boolean> claim = inFlight.remove(id);
        if (claim != null) {
            claim.complete(accepted);
        }
    }
}
