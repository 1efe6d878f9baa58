package io.envwatch.stream.readings;

import io.envwatch.district.readings.Reading;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/**
 * Readings keyed by site once. The rules that keep state per site (the noise rules, silence) read
 * from here, chained into the task that receives the readings, instead of each through a network
 * hop of its own: a noise reading used to be serialised and sent five times, once per rule.
 */
public final class SiteReadings {
    public static final KeySelector<Reading, String> SITE = r -> r.site;

    private SiteReadings() {}

    public static KeyedStream<Reading, String> keyed(DataStream<Reading> readings) {
        return ReaderIdleness.keyedBy(readings, SITE, Types.STRING, "readings-by-site", "readings by site");
    }
}
