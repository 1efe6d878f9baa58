package io.envwatch.stream.readings;

import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Readings keyed by site once, and each reading taken once there ({@link ReadingIdentity}): storage
 * and every rule read what leaves that operator. The rules that keep state per site (the noise
 * rules, silence) read from it chained into the same task instead of each through a network hop of
 * its own, which would serialise and send a noise reading five times, once per rule.
 */
public final class SiteReadings {
    public static final KeySelector<Reading, String> SITE = r -> r.site;

    private SiteReadings() {}

    /** The readings by site, each once; conflicting copies on {@link ReadingIdentity#CONFLICTS}. */
    public static SingleOutputStreamOperator<Reading> once(DataStream<Reading> readings, Registry registry) {
        return readings.keyBy(SITE, Types.STRING)
                .transform(
                        "readings by site, each once",
                        readings.getType(),
                        new ReadingIdentity.Operator(new ReadingIdentity(registry)))
                .uid("readings-by-site");
    }

    /** Readings already partitioned by site (as {@link #once} leaves them) as a keyed stream, without another exchange. */
    public static KeyedStream<Reading, String> keyed(DataStream<Reading> bySite) {
        return DataStreamUtils.reinterpretAsKeyedStream(bySite, SITE, Types.STRING);
    }
}
