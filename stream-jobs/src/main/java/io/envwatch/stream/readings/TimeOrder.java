package io.envwatch.stream.readings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Holds a keyed operator's readings until event time has passed them, so that the operator takes
 * them in time order however they arrived: interleaved by two readers, or in a gateway's unsorted
 * batch. One event-time timer per key, at the earliest held reading: when it fires, the operator
 * releases everything event time has passed up to its own next timer, in one go (a timer per
 * reading cost a fifth of the job's CPU at 50,000 readings/s). State: the readings within the
 * out-of-orderness bound of event time, appended, and the time of the one timer.
 */
public final class TimeOrder {
    /** A reading waiting for event time. A Flink POJO. */
    public static class Held {
        public long timestamp;
        public double value;

        public Held() {}

        Held(long timestamp, double value) {
            this.timestamp = timestamp;
            this.value = value;
        }
    }

    /** Time order; readings of the same time in ascending value, so the order of arrival never shows. */
    private static final Comparator<Held> ORDER = Comparator.<Held>comparingLong(h -> h.timestamp).thenComparingDouble(h -> h.value);

    private final ListState<Held> held;
    private final ValueState<Long> timer;

    public TimeOrder(RuntimeContext context, String stateName) {
        held = context.getListState(new ListStateDescriptor<>(stateName + "-held", Held.class));
        timer = context.getState(new ValueStateDescriptor<>(stateName + "-timer", Types.LONG));
    }

    /**
     * Holds the value for its time. False if event time has already passed it (a late reading):
     * then nothing is held and the caller takes it at once.
     */
    public boolean hold(long timestamp, double value, TimerService timers) throws Exception {
        if (timestamp <= timers.currentWatermark()) {
            return false;
        }
        held.add(new Held(timestamp, value));
        Long at = timer.value();
        if (at == null || timestamp < at) {
            // The later timer is left to fire and find nothing due before the caller's bound.
            timers.registerEventTimeTimer(timestamp);
            timer.update(timestamp);
        }
        return true;
    }

    /** The operator's own next timer, asked again after every reading it takes. */
    @FunctionalInterface
    public interface Bound {
        long get() throws Exception;
    }

    /** Takes one reading. */
    @FunctionalInterface
    public interface Taker {
        void take(Held reading) throws Exception;
    }

    /**
     * Gives the operator the held readings event time has passed, in time order, one by one while
     * each is at or before its bound: its own next timer (a silence, the end of a day), asked again
     * after each reading, since taking a reading can move it. What is past the bound waits for that
     * timer to fire first; a timer stays at the earliest held reading.
     */
    public void drain(Bound bound, TimerService timers, Taker taker) throws Exception {
        long watermark = timers.currentWatermark();
        List<Held> due = new ArrayList<>();
        List<Held> rest = new ArrayList<>();
        Iterable<Held> all = held.get();
        if (all != null) {
            for (Held h : all) {
                (h.timestamp <= watermark ? due : rest).add(h);
            }
        }
        due.sort(ORDER);
        int taken = 0;
        while (taken < due.size() && due.get(taken).timestamp <= bound.get()) {
            taker.take(due.get(taken++));
        }
        if (due.isEmpty() && rest.isEmpty()) {
            timer.clear();
            return;
        }
        rest.addAll(due.subList(taken, due.size()));
        if (rest.isEmpty()) {
            held.clear();
        } else if (taken > 0) {
            held.update(rest);
        }
        rescheduleAt(rest.stream().mapToLong(h -> h.timestamp).min().orElse(Long.MAX_VALUE), timers);
    }

    private void rescheduleAt(long earliest, TimerService timers) throws Exception {
        if (earliest == Long.MAX_VALUE) {
            timer.clear();
            return;
        }
        Long at = timer.value();
        // A timer event time has reached has fired (or is firing now): it cannot be counted on again.
        if (at == null || at != earliest || at <= timers.currentWatermark()) {
            timers.registerEventTimeTimer(earliest);
            timer.update(earliest);
        }
    }
}
