package io.envwatch.stream.readings;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.district.readings.DeadLetter;
import io.envwatch.district.readings.DeadLetterCodec;
import io.envwatch.district.readings.Decoded;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.readings.RejectReason;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits each gateway batch into valid readings (main output) and dead letters (side output); the
 * complaints the duty service publishes on the same broker go to their own side output, and what
 * senders refused before the broker (envwatch/v1/rejected/{sender}) joins the dead letters.
 */
public class DecodeReadings extends ProcessFunction<MqttPayload, Reading> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    public static final OutputTag<Complaint> COMPLAINTS = new OutputTag<>("complaints") {};

    private final ReadingCodec codec;
    private transient Counter accepted;
    private transient Counter rejected;

    public DecodeReadings(ReadingCodec codec) {
        this.codec = codec;
    }

    @Override
    public void open(OpenContext context) {
        accepted = getRuntimeContext().getMetricGroup().counter("readingsAccepted");
        rejected = getRuntimeContext().getMetricGroup().counter("readingsDeadLettered");
    }

    @Override
    public void processElement(MqttPayload message, Context ctx, Collector<Reading> out) {
        if (ComplaintCodec.isComplaintTopic(message.topic)) {
            Optional<Complaint> complaint = ComplaintCodec.decode(message.payload);
            if (complaint.isPresent()) {
                ctx.output(COMPLAINTS, complaint.get());
            } else {
                rejected.inc();
                ctx.output(
                        DEAD_LETTERS,
                        new DeadLetter(
                                RejectReason.INVALID_COMPLAINT,
                                "not a complaint message",
                                message.topic,
                                null,
                                null,
                                -1,
                                DeadLetter.rawOf(message.payload),
                                message.receivedAt));
            }
            return;
        }
        if (DeadLetterCodec.isRejectedTopic(message.topic)) {
            rejected.inc();
            ctx.output(DEAD_LETTERS, DeadLetterCodec.decode(message.topic, message.payload, message.receivedAt));
            return;
        }
        Decoded decoded = message.decoded != null
                ? message.decoded
                : codec.decode(message.topic, message.payload, message.receivedAt);
        for (Reading reading : decoded.readings()) {
            out.collect(reading);
        }
        for (DeadLetter dead : decoded.deadLetters()) {
            ctx.output(DEAD_LETTERS, dead);
        }
        accepted.inc(decoded.readings().size());
        rejected.inc(decoded.deadLetters().size());
    }
}
