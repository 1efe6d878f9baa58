package io.envwatch.stream.readings;

import io.envwatch.district.readings.Reading;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Gives each decoded reading its own time as its record's timestamp, for the windows downstream:
 * the readings of one message leave the decoding with the message's (its newest reading's,
 * {@link PayloadTime}). Watermarks and idleness pass through: they are the source's, one per MQTT
 * session, and must not be made again here from the readings of all of a reader's sessions
 * together, where one session's backlog would be late because another's went ahead.
 *
 * <p>Except at the end of the input (a bounded replay, a stop with {@code --drain}): Flink's source
 * task sends its end-of-time watermark through the same chained output its idleness went through,
 * and a chained output that last said idle drops it. When the readers are idle at that moment (a
 * gap, then the end), the rules downstream would never close their last intervals nor decide the
 * complaints waiting for them (QuietSensorsIT). So the end of the input says active again and
 * passes the end of time on here, as the event-time operator this replaces did.
 */
public final class ReadingTime extends AbstractStreamOperator<Reading>
        implements OneInputStreamOperator<Reading, Reading>, BoundedOneInput {
    private boolean idle;
    private boolean ended;

    @Override
    public void processElement(StreamRecord<Reading> element) {
        output.collect(element.replace(element.getValue(), element.getValue().timestamp));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        ended |= mark.getTimestamp() == Long.MAX_VALUE;
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        idle = status.isIdle();
        super.processWatermarkStatus(status);
    }

    @Override
    public void endInput() throws Exception {
        if (ended) {
            return;
        }
        if (idle) {
            processWatermarkStatus(WatermarkStatus.ACTIVE);
        }
        processWatermark(Watermark.MAX_WATERMARK);
    }
}
