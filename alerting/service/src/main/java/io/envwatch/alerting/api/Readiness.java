package io.envwatch.alerting.api;

import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Whether the service can do its work now, for a supervisor's readiness probe: InfluxDB answered
 * the last poll of the job's incidents, and the broker that takes complaints is connected. Being
 * alive is less: the service answers at all (liveness), which a supervisor restarts it for; not
 * ready, it is kept out of a load balancer until its stores are back.
 */
public final class Readiness {
    private volatile String store;

    /** The last poll of InfluxDB was answered. */
    public void storeAnswered() {
        store = null;
    }

    public void storeFailed(Throwable cause) {
        store = "InfluxDB did not answer the last poll: " + cause.getMessage();
    }

    /** @param complaints null when the service takes no complaints */
    JsonObject check(ComplaintPublisher complaints) {
        JsonArray problems = new JsonArray();
        if (store != null) {
            problems.add(store);
        }
        if (complaints != null && !complaints.connected()) {
            problems.add("the broker that takes complaints is not connected (reconnecting)");
        }
        return new JsonObject()
                .put("status", problems.isEmpty() ? "ready" : "not ready")
                .put("problems", problems);
    }
}
