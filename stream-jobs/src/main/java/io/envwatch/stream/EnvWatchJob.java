package io.envwatch.stream;

import io.envwatch.ingest.mqtt.MqttPayload;
import io.envwatch.ingest.readings.DeadLetter;
import io.envwatch.ingest.readings.Reading;
import io.envwatch.ingest.readings.ReadingCodec;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.stream.alerts.DutyAlert;
import io.envwatch.stream.noise.NoiseLimitRule;
import io.envwatch.stream.readings.DecodeReadings;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The EnvWatch job graph: MQTT messages -> validated readings (dead letters aside) -> event-time
 * watermarks -> stored readings, and rules -> duty alerts. Source and sinks come in through the
 * constructor so that main wires the real ones (MQTT, InfluxDB) and tests can wire others.
 */
public final class EnvWatchJob {
    /** Readings may arrive this much out of order and still land in the right event-time place. */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofMinutes(2);

    private final Source<MqttPayload, ?, ?> source;
    private final Sink<Reading> readingSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final Sink<DutyAlert> alertSink;
    private final Registry registry;
    private final ReadingCodec codec;

    public EnvWatchJob(Source<MqttPayload, ?, ?> source, Sink<Reading> readingSink, Sink<DeadLetter> deadLetterSink,
            Sink<DutyAlert> alertSink, Registry registry, ReadingCodec codec) {
        this.source = source;
        this.readingSink = readingSink;
        this.deadLetterSink = deadLetterSink;
        this.alertSink = alertSink;
        this.registry = registry;
        this.codec = codec;
    }

    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<Reading> decoded = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt-readings")
                .uid("mqtt-readings")
                .process(new DecodeReadings(codec))
                .uid("decode-readings")
                .name("decode and validate");

        decoded.getSideOutput(DecodeReadings.DEAD_LETTERS).sinkTo(deadLetterSink).uid("dead-letter-sink").name("dead letters");

        DataStream<Reading> readings = decoded.assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Reading>forBoundedOutOfOrderness(DEFAULT_OUT_OF_ORDERNESS)
                                .withTimestampAssigner((reading, previous) -> reading.timestamp)
                                .withIdleness(Duration.ofMinutes(1)))
                .uid("event-time")
                .name("event time");

        readings.sinkTo(readingSink).uid("reading-sink").name("readings");

        readings.keyBy(reading -> reading.site)
                .process(new NoiseLimitRule(registry, Duration.ofMinutes(10)))
                .uid("noise-limit-rule")
                .name("noise limit rule")
                .sinkTo(alertSink)
                .uid("alert-sink")
                .name("duty alerts");
    }

    public JobClient executeAsync(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.executeAsync("EnvWatch");
    }
}
