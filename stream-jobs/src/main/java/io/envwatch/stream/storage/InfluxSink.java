package io.envwatch.stream.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes to InfluxDB through Flink's async sink: batching by count, bytes and time, a bounded
 * number of requests in flight (back-pressure instead of an unbounded queue), buffered points kept
 * in checkpoints, and failed batches retried with exponential backoff. Each point's measurement,
 * tags and timestamp are deterministic, so a replay after a failure overwrites instead of
 * duplicating.
 */
public final class InfluxSink<T> extends AsyncSinkBase<T, String> {
    private final InfluxConfig config;

    private InfluxSink(InfluxConfig config, ElementConverter<T, String> converter, int maxBatchSize, long maxTimeInBufferMs) {
        super(converter, maxBatchSize, 4, Math.max(maxBatchSize * 10, 10_000), 8L * 1024 * 1024, maxTimeInBufferMs, 256 * 1024);
        this.config = config;
    }

    /** A sink for one kind of record, turned into line protocol by {@code toLine}. */
    public static <T> InfluxSink<T> of(InfluxConfig config, LineProtocol<T> toLine) {
        return new InfluxSink<>(config, (element, context) -> toLine.apply(element), 5_000, 200);
    }

    /** Turns a record into one line-protocol point with a nanosecond timestamp. */
    @FunctionalInterface
    public interface LineProtocol<T> extends java.io.Serializable {
        String apply(T element);
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<String>> createWriter(WriterInitContext context) {
        return new InfluxSinkWriter<>(getElementConverter(), context, writerConfiguration(), List.of(), config);
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<String>> restoreWriter(WriterInitContext context,
            Collection<BufferedRequestState<String>> recoveredState) {
        return new InfluxSinkWriter<>(getElementConverter(), context, writerConfiguration(), recoveredState, config);
    }

    private org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration writerConfiguration() {
        return org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
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
