package io.envwatch.alerting.capability;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One part of the duty service as the service composes it (the duty room, the ledger): the service
 * recovers it, mounts its routes, runs its polls, asks it for its health and closes it, and knows
 * nothing else of it.
 */
public interface Capability extends AutoCloseable {
    /** Its name in the service's log lines and start failures. */
    String name();

    /** Rebuilds what it holds from the store, blocking, once, before the service listens. */
    void recover() throws Exception;

    /** Routes anyone may call, mounted before sign-in. */
    default void mountPublic(Router router) {}

    /** Routes of signed-in staff, mounted after sign-in. */
    void mountStaff(Router router);

    /** What it does every so often. */
    default List<Poll> polls() {
        return List.of();
    }

    /** Its figures in {@code GET /api/v1/health}. */
    default void health(JsonObject into) {}

    /** What keeps it from working now (a store that did not answer, a broker away), for the readiness probe. */
    default List<String> problems() {
        return List.of();
    }

    /**
     * A piece of periodic work. The service never starts a run while the last one is going; a
     * failed run is logged and tried again at the next period.
     *
     * @param what what it does, for the log line of a failure
     * @param firstAfter when the first run starts
     */
    record Poll(String what, Duration firstAfter, Duration every, Supplier<CompletableFuture<?>> run) {}
}
