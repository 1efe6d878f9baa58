package io.envwatch.stream.readings;

import io.envwatch.district.readings.DeadLetter;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.readings.RejectReason;
import io.envwatch.district.registry.Registry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Each reading once, whatever path brought it: a gateway's QoS 1 retry, its resend after a
 * reconnect, a replay, two readers. A reading's identity is its site, quantity and timestamp, as
 * storage keys it. The first copy goes on, to storage and every rule; a later copy with the same
 * value is dropped (metric {@code readingCopiesDropped}); one with another value is a
 * {@code CONFLICTING_DUPLICATE} dead letter naming both values, and the first stays, so storage
 * and the rules never disagree.
 *
 * <p>Identities are remembered up to the {@link IdentityHorizon} of their quantity: until event time
 * has passed the last period a rule could count the reading in. A copy later than that changes no
 * count; it goes on as the late reading it is (metric {@code readingsBeyondIdentityHorizon}).
 *
 * <p>Layout, because a noise sensor at 1 Hz has up to an hour of identities: per site, one map entry
 * per quantity and minute of event time, holding that minute's offsets (16-bit milliseconds) and
 * values, sorted. About 13 bytes a reading on the heap and 10 in a checkpoint, written a minute in
 * one block ({@link MinuteSerializer}; BENCHMARKS.md, "each reading once"); on RocksDB one small
 * entry is read and written per reading; one timer per entry, shared by all entries of an hour,
 * clears them.
 */
public class ReadingIdentity extends KeyedProcessFunction<String, Reading, Reading> {
    public static final OutputTag<DeadLetter> CONFLICTS = new OutputTag<>("conflicting-duplicates") {};
    static final long MINUTE = 60_000;
    static final String STATE = "reading-identities";
    /** Room in the key for the quantity: {@link Quantity} has fewer constants than this. */
    private static final int QUANTITY_BITS = 5;

    private static final Quantity[] QUANTITIES = Quantity.values();

    private final IdentityHorizon horizon;
    private transient MapState<Long, Minute> identities;
    private transient Counter copies;
    private transient Counter conflicts;
    private transient Counter beyondHorizon;

    public ReadingIdentity(Registry registry) {
        this(new IdentityHorizon(registry));
    }

    ReadingIdentity(IdentityHorizon horizon) {
        this.horizon = horizon;
    }

    /** The identities of one quantity's readings in one minute of event time ({@link MinuteSerializer}). */
    public static class Minute {
        /**
         * Milliseconds into the minute, ascending: the first {@link #count} places. A minute has
         * 60,000 of them, which fit the 16 bits of a {@code char}.
         */
        public char[] offsets = new char[4];

        public double[] values = new double[4];
        public int count;

        public Minute() {}

        /** The place of the offset, or {@code -(insertion point) - 1}. */
        int find(char offset) {
            // Readings mostly come in time order: the end is tried first.
            if (count == 0 || offsets[count - 1] < offset) {
                return -count - 1;
            }
            return Arrays.binarySearch(offsets, 0, count, offset);
        }

        void insert(int at, char offset, double value) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            System.arraycopy(offsets, at, offsets, at + 1, count - at);
            System.arraycopy(values, at, values, at + 1, count - at);
            offsets[at] = offset;
            values[at] = value;
            count++;
        }

        /** Equal when holding the same identities, whatever room their arrays have left. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Minute m
                    && count == m.count
                    && Arrays.equals(offsets, 0, count, m.offsets, 0, count)
                    && Arrays.equals(values, 0, count, m.values, 0, count);
        }

        @Override
        public int hashCode() {
            int h = count;
            for (int i = 0; i < count; i++) {
                h = 31 * h + offsets[i];
                h = 31 * h + Double.hashCode(values[i]);
            }
            return h;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("Minute[");
            for (int i = 0; i < count; i++) {
                s.append(i == 0 ? "" : ", ")
                        .append((int) offsets[i])
                        .append("ms=")
                        .append(values[i]);
            }
            return s.append(']').toString();
        }
    }

    @Override
    public void open(OpenContext context) {
        identities = getRuntimeContext().getMapState(identitiesState());
        copies = getRuntimeContext().getMetricGroup().counter("readingCopiesDropped");
        conflicts = getRuntimeContext().getMetricGroup().counter("conflictingDuplicates");
        beyondHorizon = getRuntimeContext().getMetricGroup().counter("readingsBeyondIdentityHorizon");
    }

    /** The identities' state: its serializer is their layout in memory copies and checkpoints. */
    MapStateDescriptor<Long, Minute> identitiesState() {
        return new MapStateDescriptor<>(STATE, LongSerializer.INSTANCE, MinuteSerializer.INSTANCE);
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<Reading> out) throws Exception {
        Quantity quantity = Quantity.fromWire(reading.quantity).orElseThrow();
        long watermark = ctx.timerService().currentWatermark();
        if (horizon.forgetAt(quantity, reading.timestamp) <= watermark) {
            beyondHorizon.inc();
            out.collect(reading);
            return;
        }
        long minute = Math.floorDiv(reading.timestamp, MINUTE);
        long key = minute << QUANTITY_BITS | quantity.ordinal();
        Minute seen = identities.get(key);
        if (seen == null) {
            seen = new Minute();
            ctx.timerService().registerEventTimeTimer(forgetAt(key));
        }
        char offset = (char) (reading.timestamp - minute * MINUTE);
        int at = seen.find(offset);
        if (at >= 0) {
            if (Double.compare(seen.values[at], reading.value) == 0) {
                copies.inc();
            } else {
                conflicts.inc();
                ctx.output(CONFLICTS, conflict(reading, seen.values[at]));
            }
            return;
        }
        seen.insert(-at - 1, offset, reading.value);
        identities.put(key, seen);
        out.collect(reading);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Reading> out) throws Exception {
        List<Long> forgotten = new ArrayList<>();
        Iterator<Map.Entry<Long, Minute>> entries = identities.iterator();
        while (entries.hasNext()) {
            long key = entries.next().getKey();
            if (forgetAt(key) <= timestamp) {
                forgotten.add(key);
            }
        }
        for (Long key : forgotten) {
            identities.remove(key);
        }
    }

    /** When the minute's identities can go: its last millisecond's, which is the latest of its readings'. */
    private long forgetAt(long key) {
        Quantity quantity = QUANTITIES[(int) (key & ((1 << QUANTITY_BITS) - 1))];
        long lastOfMinute = (key >>> QUANTITY_BITS) * MINUTE + MINUTE - 1;
        return horizon.forgetAt(quantity, lastOfMinute);
    }

    private static DeadLetter conflict(Reading copy, double first) {
        String raw = "{\"sensor\":\"" + copy.site + "\",\"ts\":" + copy.timestamp + ",\"quantity\":\"" + copy.quantity
                + "\",\"value\":" + copy.value + ",\"unit\":\"" + copy.unit + "\"}";
        String detail = copy.quantity + " at " + Instant.ofEpochMilli(copy.timestamp) + " was taken as " + first + " "
                + copy.unit + "; this copy says " + copy.value + " " + copy.unit + ": the first stays";
        return new DeadLetter(
                RejectReason.CONFLICTING_DUPLICATE,
                detail,
                ReadingCodec.topicFor(copy.gateway),
                copy.gateway,
                copy.site,
                -1,
                raw,
                System.currentTimeMillis());
    }

    /**
     * The operator that runs it where the readers' idleness stops ({@link ReaderIdleness}): it passes
     * watermarks on and never idleness.
     */
    public static final class Operator extends KeyedProcessOperator<String, Reading, Reading>
            implements ReaderIdleness.StopsIdleness {
        public Operator(ReadingIdentity identity) {
            super(identity);
        }

        @Override
        public void processWatermarkStatus(WatermarkStatus status) {}
    }
}
