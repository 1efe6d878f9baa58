package io.envwatch.alerting.store;

import io.envwatch.district.schema.InfluxSettings;

/**
 * How the duty service writes its own points (alert events, deliveries): line protocol with
 * nanosecond timestamps, to 1.x's {@code /write} (1.6 has no v2 compatibility endpoint) or 2.x's
 * {@code /api/v2/write}. Blocking: called from the ledger's thread or a worker, never from an event
 * loop. A write either is stored or throws.
 */
public final class InfluxWrites {
    private final InfluxSettings connection;

    public InfluxWrites(InfluxSettings connection) {
        this.connection = connection;
    }

    public void write(String lines) {
        InfluxHttp.send(connection, connection.write(), lines);
    }
}
