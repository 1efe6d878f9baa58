package io.envwatch.stream.readings;

import io.envwatch.district.readings.Reading;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/**
 * Readings keyed by site once. The rules that keep state per site (the LAeq windows, the night
 * maximum, silence) read from here, chained into the task that receives the readings, instead of
 * each through a network hop of its own: a noise reading used to be serialised and sent five
 * times, once per rule. Each rule keeps its own uid and state, keyed by the same site id, so
 * checkpoints and savepoints from before carry over.
 */
public final class SiteReadings {
    public static final KeySelector<Reading, String> SITE = r -> r.site;

    private SiteReadings() {}

    public static KeyedStream<Reading, String> keyed(DataStream<Reading> readings) {
        return ReaderIdleness.keyedBy(readings, SITE, Types.STRING, "readings-by-site", "readings by site");
    }

    /** The readings that pass, still keyed by site: a filter leaves each reading in the task of its key. */
    public static KeyedStream<Reading, String> only(KeyedStream<Reading, String> bySite, FilterFunction<Reading> which,
            String name) {
        return DataStreamUtils.reinterpretAsKeyedStream(bySite.filter(which).name(name), SITE, Types.STRING);
    }
}
