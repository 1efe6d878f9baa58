package io.envwatch.stream.readings;

import io.envwatch.district.readings.Reading;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Where a reader's idleness stops: at the first keyed exchange after the readers, and no further.
 *
 * <p>A reader with no readings for {@code rules.readerIdle} says it is idle, so that the tasks
 * receiving the readings take event time from the other readers. Flink passes idleness on: a task
 * whose inputs are all idle says so downstream. When every reader goes quiet (a broker outage), the
 * whole job was idle, and when the readings came back each path woke up at its own pace: an
 * operator joining verdicts from several rules (complaint evidence, incidents) took event time from
 * the first path awake, the sensors' verdicts of a longer path came after it and were late, and
 * complaints were judged without them (QuietSensorsIT). Here the receiving task passes watermarks
 * on but never idleness, so downstream an idle path holds event time at its last watermark, as a
 * quiet one does. The readers' one receiving task is {@link ReadingIdentity.Operator}; the rules
 * keyed otherwise receive from it and need no stop of their own, but keep theirs, so that each
 * stands alone in a test.
 */
public final class ReaderIdleness {
    private ReaderIdleness() {}

    /** The readings keyed by {@code key}, received by a task that does not pass idleness on. */
    public static <K> KeyedStream<Reading, K> keyedBy(
            DataStream<Reading> readings,
            KeySelector<Reading, K> key,
            TypeInformation<K> keyType,
            String uid,
            String name) {
        DataStream<Reading> received = readings.keyBy(key, keyType)
                .transform(name, readings.getType(), new EndsHere<Reading>())
                .uid(uid);
        return DataStreamUtils.reinterpretAsKeyedStream(received, key, keyType);
    }

    /** An operator that passes watermarks on and not the idleness of its inputs. */
    public interface StopsIdleness {}

    /** Passes records and watermarks on, and not the idleness of its inputs. */
    public static final class EndsHere<T> extends AbstractStreamOperator<T>
            implements OneInputStreamOperator<T, T>, StopsIdleness {
        @Override
        public void processElement(StreamRecord<T> element) {
            output.collect(element);
        }

        @Override
        public void processWatermarkStatus(WatermarkStatus status) {}
    }
}
