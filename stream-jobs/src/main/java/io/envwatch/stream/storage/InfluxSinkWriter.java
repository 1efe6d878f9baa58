package io.envwatch.stream.storage;

import io.envwatch.district.schema.InfluxSettings;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
    static final long REFUSALS_SAID_EVERY_MS = 10_000;

    private final LineWriter writer;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final Counter retries;
    private final Counter pointsWritten;
    private final Counter pointsRefused;
    private final AtomicLong refusedUnsaid = new AtomicLong();
    private final AtomicLong refusalSaidAt = new AtomicLong(Long.MIN_VALUE / 2);

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
        this.pointsRefused = context.metricGroup().counter("influxPointsRefused");
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
            int refused = cause instanceof InfluxWriteException e ? e.refusedOfPartialWrite() : 0;
            if (refused > 0) {
                // The rest is stored, and these would be refused again: a retry cannot store them,
                // and failing would restart the job on the same batch, again and again.
                consecutiveFailures.set(0);
                pointsWritten.inc(lines.size() - refused);
                refusedForGood(refused, lines.size(), cause.getMessage());
                result.complete();
                return;
            }
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

    /** Counted, and said at most every 10 s: a site past a tag's limit is refused in every batch. */
    private void refusedForGood(int refused, int batch, String serverSaid) {
        pointsRefused.inc(refused);
        long unsaid = refusedUnsaid.addAndGet(refused);
        long now = System.currentTimeMillis();
        long said = refusalSaidAt.get();
        if (now - said < REFUSALS_SAID_EVERY_MS || !refusalSaidAt.compareAndSet(said, now)) {
            return;
        }
        refusedUnsaid.addAndGet(-unsaid);
        LOG.warn(
                "InfluxDB refused {} points for good since this was last said, the rest of their batches"
                        + " stored ({}); the latest, {} of {} stored: {}",
                unsaid,
                serverSaid.contains("max-values-per-tag")
                        ? "raise max-values-per-tag in influxdb.conf's [data] section"
                        : "they break a rule of the server's",
                batch - refused,
                batch,
                serverSaid);
    }

    static long backoffMillis(int failures) {
        long backoff = MIN_BACKOFF_MS << Math.min(failures - 1, 20);
        return Math.min(backoff, MAX_BACKOFF_MS);
    }

    /** Asked of every point: counted from the chars, not by encoding a copy of the line that is thrown away. */
    @Override
    protected long getSizeInBytes(String line) {
        return utf8Length(line);
    }

    /**
     * What the line takes in UTF-8, as the write sends it: a surrogate pair's four bytes counted as
     * two per half (a lone half, which the encoder replaces by one byte, counts two).
     */
    static long utf8Length(String line) {
        int n = line.length();
        long bytes = n;
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (c >= 0x80) {
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        super.close();
        writer.close();
    }
}
