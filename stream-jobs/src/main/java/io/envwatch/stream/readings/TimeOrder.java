package io.envwatch.stream.readings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Holds a keyed operator's readings until event time has passed them, so that the operator takes
 * them in time order however they arrived: interleaved by two readers, or in a gateway's unsorted
 * batch. Each held timestamp has an event-time timer; the operator's {@code onTimer} releases the
 * values of its timestamp. State: the readings within the out-of-orderness bound of event time.
 */
public final class TimeOrder {
    private final MapState<Long, List<Double>> pending;

    public TimeOrder(RuntimeContext context, String stateName) {
        pending = context.getMapState(new MapStateDescriptor<>(stateName, Types.LONG, Types.LIST(Types.DOUBLE)));
    }

    /**
     * Holds the value for its timestamp. False if event time has already passed it (a late
     * reading): then nothing is held and the caller takes it at once.
     */
    public boolean hold(long timestamp, double value, TimerService timers) throws Exception {
        if (timestamp <= timers.currentWatermark()) {
            return false;
        }
        List<Double> at = pending.get(timestamp);
        List<Double> values = at == null ? new ArrayList<>() : new ArrayList<>(at);
        values.add(value);
        pending.put(timestamp, values);
        timers.registerEventTimeTimer(timestamp);
        return true;
    }

    /** The values held for the timestamp, in ascending order (not arrival's), now forgotten; empty if none. */
    public List<Double> release(long timestamp) throws Exception {
        List<Double> due = pending.get(timestamp);
        if (due == null) {
            return List.of();
        }
        pending.remove(timestamp);
        List<Double> sorted = new ArrayList<>(due);
        Collections.sort(sorted);
        return sorted;
    }
}
