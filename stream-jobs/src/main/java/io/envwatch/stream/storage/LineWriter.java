package io.envwatch.stream.storage;

import io.envwatch.district.schema.InfluxSettings;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sends a batch of line-protocol points (nanosecond timestamps) to InfluxDB without blocking the caller. */
interface LineWriter extends AutoCloseable {

    CompletableFuture<Void> write(List<String> lines);

    static LineWriter create(InfluxSettings config) {
        return config.version() == InfluxSettings.ApiVersion.V1 ? new V1LineWriter(config) : new V2LineWriter(config);
    }

    @Override
    void close();
}
