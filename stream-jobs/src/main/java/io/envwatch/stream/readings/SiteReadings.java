package io.envwatch.stream.readings;

import io.envwatch.district.readings.Reading;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/**
 * Readings keyed by site: once, where each reading is taken once ({@link ReadingIdentity}) and the
 * rules that keep state per site run in the same operator (the per-site operator,
 * {@code io.envwatch.stream.sites.SiteOperator}); storage and every other rule read what leaves it,
 * instead of each through a network hop of its own, which would serialise and send a noise reading
 * five times, once per rule.
 */
public final class SiteReadings {
    public static final KeySelector<Reading, String> SITE = r -> r.site;

    private SiteReadings() {}

    /** Readings already partitioned by site (as the per-site operator leaves them) as a keyed stream, without another exchange. */
    public static KeyedStream<Reading, String> keyed(DataStream<Reading> bySite) {
        return DataStreamUtils.reinterpretAsKeyedStream(bySite, SITE, Types.STRING);
    }
}
