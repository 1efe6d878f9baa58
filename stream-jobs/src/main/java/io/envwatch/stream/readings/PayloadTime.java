package io.envwatch.stream.readings;

import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.district.readings.DeadLetterCodec;
import io.envwatch.district.readings.Decoded;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssigner;

/**
 * The event time of an MQTT message, for the source's watermark of the session it came on: the
 * newest time among the readings its decoding accepts. A message with none (a complaint, a message
 * refused whole) has no event time and does not move the watermark; nor does a reading the job
 * refuses, however plausible its time, as it never did when watermarks followed the decoded
 * readings. The decoding is kept on the message ({@link MqttPayload#decoded}) for
 * {@link DecodeReadings}, chained right after the source, so each message is decoded once.
 */
public final class PayloadTime implements SerializableTimestampAssigner<MqttPayload> {
    private final ReadingCodec codec;

    public PayloadTime(ReadingCodec codec) {
        this.codec = codec;
    }

    @Override
    public long extractTimestamp(MqttPayload message, long recordTimestamp) {
        if (ComplaintCodec.isComplaintTopic(message.topic) || DeadLetterCodec.isRejectedTopic(message.topic)) {
            return TimestampAssigner.NO_TIMESTAMP;
        }
        Decoded decoded = message.decoded;
        if (decoded == null) {
            decoded = codec.decode(message.topic, message.payload, message.receivedAt);
            message.decoded = decoded;
        }
        long newest = TimestampAssigner.NO_TIMESTAMP;
        for (Reading reading : decoded.readings()) {
            newest = Math.max(newest, reading.timestamp);
        }
        return newest;
    }
}
