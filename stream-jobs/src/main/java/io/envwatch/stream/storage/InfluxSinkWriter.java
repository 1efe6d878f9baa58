package io.envwatch.stream.storage;

import io.envwatch.district.schema.InfluxSettings;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class InfluxSinkWriter<T> extends AsyncSinkWriter<T, String> {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxSinkWriter.class);
    static final long MIN_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 30_000;

    private final LineWriter writer;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final Counter retries;
    private final Counter pointsWritten;

    InfluxSinkWriter(
            ElementConverter<T, String> converter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration configuration,
            Collection<BufferedRequestState<String>> state,
            InfluxSettings config) {
        super(converter, context, configuration, state);
        this.writer = LineWriter.create(config);
        this.retries = context.metricGroup().counter("influxRetries");
        this.pointsWritten = context.metricGroup().counter("influxPointsWritten");
    }

    /**
     * Writes everything buffered before the checkpoint's barrier passes, not only what is in flight
     * (Flink's async sink keeps the rest in the checkpoint and writes it later). The checkpoint's
     * completion lets the MQTT source acknowledge the messages to the broker, which then forgets
     * them: a line held only in the checkpoint was lost whenever that checkpoint was not restored (a
     * start without state; a new job graph whose writer ids moved). With InfluxDB down the barrier
     * waits, as it already did for the writes in flight, and so do the acknowledgements.
     */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        super.flush(true);
    }

    @Override
    protected void submitRequestEntries(List<String> lines, ResultHandler<String> result) {
        writer.write(lines).whenComplete((ok, error) -> {
            if (error == null) {
                consecutiveFailures.set(0);
                pointsWritten.inc(lines.size());
                result.complete();
                return;
            }
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof InfluxWriteException e && !e.retryable()) {
                result.completeExceptionally(e);
                return;
            }
            long backoff = backoffMillis(consecutiveFailures.incrementAndGet());
            retries.inc();
            LOG.warn(
                    "InfluxDB write of {} points failed ({}); retrying in {} ms",
                    lines.size(),
                    cause.getMessage(),
                    backoff);
            CompletableFuture.delayedExecutor(backoff, TimeUnit.MILLISECONDS)
                    .execute(() -> result.retryForEntries(lines));
        });
    }

    static long backoffMillis(int failures) {
        long backoff = MIN_BACKOFF_MS << Math.min(failures - 1, 20);
        return Math.min(backoff, MAX_BACKOFF_MS);
    }

    @Override
    protected long getSizeInBytes(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void close() {
        super.close();
        writer.close();
    }
}
