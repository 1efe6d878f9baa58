package io.envwatch.alerting.events;

import java.util.List;

/** Where a log's events are kept (InfluxDB, as the district schema's points). Blocking. */
public interface EventStore<E> {
    void append(E event);

    /** Every stored event, oldest first. */
    List<E> loadAll();
}
