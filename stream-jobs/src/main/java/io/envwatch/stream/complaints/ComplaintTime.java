package io.envwatch.stream.complaints;

import io.envwatch.district.complaints.Complaint;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Stamps each complaint with its observed time and keeps the complaints' stream idle for good, so
 * that every operator joining complaints to the sensors' verdicts takes its event time from the
 * verdicts alone.
 *
 * <p>Complaints arrive long after the nuisance (and may describe one weeks old), so they must not
 * hold back event time; nor may they move it. A watermark at the end of time, as this stream had
 * before, was the only one left once every reader went idle (no readings for
 * {@code rules.readerIdle}: a broker outage, a power cut): complaints were judged at once without
 * the readings after the gap, and repeat cases closed, for good, since a watermark never goes back.
 * A watermark generator that only marks itself idle is not enough either: Flink forwards the end of
 * input through it, which, when the input ends (a stopped job drained, a bounded replay) while the
 * readers are idle, overtakes the sensors' last verdicts, which are a network hop further away.
 * So this operator passes no watermark on at all, the end of input included (QuietSensorsIT).
 */
final class ComplaintTime extends AbstractStreamOperator<Complaint>
        implements OneInputStreamOperator<Complaint, Complaint> {
    @Override
    public void open() throws Exception {
        super.open();
        output.emitWatermarkStatus(WatermarkStatus.IDLE);
    }

    @Override
    public void processElement(StreamRecord<Complaint> element) {
        output.collect(element.replace(element.getValue(), element.getValue().observedAt));
    }

    @Override
    public void processWatermark(Watermark mark) {}

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {}
}
