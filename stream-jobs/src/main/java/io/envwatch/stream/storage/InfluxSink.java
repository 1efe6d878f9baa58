package io.envwatch.stream.storage;

import io.envwatch.district.readings.DeadLetter;
import io.envwatch.district.readings.RejectReason;
import io.envwatch.district.schema.InfluxSettings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.connector.base.sink.writer.strategy.AIMDScalingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.CongestionControlRateLimitingStrategy;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to InfluxDB through Flink's async sink: batching by count, bytes and time, a bounded
 * number of requests in flight (back-pressure instead of an unbounded queue), buffered points kept
 * in checkpoints, and failed batches retried with exponential backoff. Each point's measurement,
 * tags and timestamp are deterministic, so a replay after a failure overwrites instead of
 * duplicating.
 */
public final class InfluxSink<T> extends AsyncSinkBase<T, String> {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxSink.class);
    /** The largest point written as it is; Flink's async sink fails the job on a larger record. */
    static final int MAX_RECORD_BYTES = 256 * 1024;

    private final InfluxSettings config;

    private InfluxSink(
            InfluxSettings config,
            ElementConverter<T, String> converter,
            int maxBatchSize,
            int inFlight,
            long maxTimeInBufferMs) {
        super(
                converter,
                maxBatchSize,
                inFlight,
                Math.max(maxBatchSize * 10, 10_000),
                8L * 1024 * 1024,
                maxTimeInBufferMs,
                MAX_RECORD_BYTES);
        this.config = config;
    }

    /**
     * A sink for one kind of record, turned into line protocol by {@code toLine}, that sends its
     * batches one after the other. The job writes many of its points again (an alert's or an
     * incident's update, the month to date, a repeat case): with several requests in flight an
     * earlier write could arrive after the one that replaced it, and InfluxDB keeps what arrives
     * last (InfluxSinkOrderIT: a cleared alert stayed "open").
     */
    public static <T> InfluxSink<T> of(InfluxSettings config, LineProtocol<T> toLine) {
        return new InfluxSink<>(config, (element, context) -> withinRecordLimit(toLine.apply(element)), 5_000, 1, 200);
    }

    /**
     * As {@link #of}, with four batches in flight, for points that are only ever written again
     * with the same values (readings: one per site, quantity and timestamp, each taken once), so
     * that order cannot matter and the busiest sink is not held to one request at a time.
     */
    public static <T> InfluxSink<T> unordered(InfluxSettings config, LineProtocol<T> toLine) {
        return new InfluxSink<>(config, (element, context) -> withinRecordLimit(toLine.apply(element)), 5_000, 4, 200);
    }

    /**
     * The line, or a dead letter in its place when it is larger than a record may be: one oversize
     * point must never fail the job (it would fail again on every replay of its input).
     */
    static String withinRecordLimit(String line) {
        if (line.length() <= MAX_RECORD_BYTES / 3) {
            return line; // even at three UTF-8 bytes a char it fits: no need to encode it to measure
        }
        int bytes = line.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= MAX_RECORD_BYTES) {
            return line;
        }
        int measurementEnd = line.indexOf(',') < 0 ? line.indexOf(' ') : Math.min(line.indexOf(','), line.indexOf(' '));
        String measurement = measurementEnd < 0 ? "?" : line.substring(0, measurementEnd);
        long timeMillis;
        try {
            timeMillis =
                    Long.parseLong(line.substring(line.lastIndexOf(' ') + 1).trim()) / 1_000_000L;
        } catch (NumberFormatException e) {
            timeMillis = System.currentTimeMillis();
        }
        LOG.warn(
                "InfluxDB sink: a {} point of {} bytes exceeds the record limit of {}; stored as a RECORD_TOO_LARGE dead letter",
                measurement,
                bytes,
                MAX_RECORD_BYTES);
        return InfluxSchema.deadLetter(new DeadLetter(
                RejectReason.RECORD_TOO_LARGE,
                "a " + measurement + " point of " + bytes + " bytes exceeds the record limit of " + MAX_RECORD_BYTES,
                null,
                null,
                null,
                -1,
                line,
                timeMillis));
    }

    /** Turns a record into one line-protocol point with a nanosecond timestamp. */
    @FunctionalInterface
    public interface LineProtocol<T> extends Serializable {
        String apply(T element);
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<String>> createWriter(WriterInitContext context) {
        return new InfluxSinkWriter<>(getElementConverter(), context, writerConfiguration(), List.of(), config);
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<String>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<String>> recoveredState) {
        return new InfluxSinkWriter<>(getElementConverter(), context, writerConfiguration(), recoveredState, config);
    }

    /**
     * Flink's default starts the window at one batch and widens it by ten points per answered
     * request, which kept a freshly started job at one request at a time for minutes (and, after
     * influxd refused a few writes, at batches of a few points): the storage path then waited on
     * influxd with the machine half idle. This opens the full window at once, still halves it at
     * each refusal, and widens it by a batch per answer.
     */
    private AsyncSinkWriterConfiguration writerConfiguration() {
        int window = getMaxBatchSize() * getMaxInFlightRequests();
        return AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .setRateLimitingStrategy(CongestionControlRateLimitingStrategy.builder()
                        .setMaxInFlightRequests(getMaxInFlightRequests())
                        .setInitialMaxInFlightMessages(window)
                        .setScalingStrategy(AIMDScalingStrategy.builder(window)
                                .setIncreaseRate(getMaxBatchSize())
                                .build())
                        .build())
                .build();
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<String>> getWriterStateSerializer() {
        return new AsyncSinkWriterStateSerializer<>() {
            @Override
            protected void serializeRequestToStream(String line, DataOutputStream out) throws IOException {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
            }

            @Override
            protected String deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            }

            @Override
            public int getVersion() {
                return 1;
            }
        };
    }
}
