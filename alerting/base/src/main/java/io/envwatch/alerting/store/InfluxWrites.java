package io.envwatch.alerting.store;

import io.envwatch.district.schema.InfluxHttp;
import io.envwatch.district.schema.InfluxSettings;
import java.util.List;

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

    /** Lines sent in one request when many are written at once (a recovery's board points). */
    static final int BATCH = 5_000;

    public void write(String lines) {
        InfluxHttp.send(connection, connection.write(), lines);
    }

    /** Many lines, in requests of {@link #BATCH}: a recovery of thousands is a few requests, not thousands. */
    public void writeAll(List<String> lines) {
        for (int from = 0; from < lines.size(); from += BATCH) {
            write(String.join("\n", lines.subList(from, Math.min(lines.size(), from + BATCH))));
        }
    }
}
