package io.envwatch.stream.late;

import io.envwatch.district.readings.Reading;
import io.envwatch.stream.readings.ReadingType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.OutputTag;

/**
 * Readings that arrived after their interval had closed (later than the out-of-orderness bound).
 * They are already stored as readings; here they are collected from every windowed rule, counted in
 * the {@code lateReadings} metric and written to the {@code late_reading} measurement, so lateness
 * is visible instead of silently changing no result.
 */
public final class LateReadings {
    public static final OutputTag<Reading> TAG = new OutputTag<>("late-readings", ReadingType.INFO);

    private DataStream<LateReading> all;

    /** A late reading and the rule whose interval it missed. A Flink POJO. */
    public static class LateReading {
        public Reading reading;
        public String rule;

        public LateReading() {}
    }

    public void add(DataStream<Reading> late, String rule) {
        DataStream<LateReading> tagged = late.map(new Tag(rule)).name("late for " + rule);
        all = all == null ? tagged : all.union(tagged);
    }

    public DataStream<LateReading> stream() {
        return all;
    }

    private static final class Tag extends RichMapFunction<Reading, LateReading> {
        private final String rule;
        private transient Counter counter;

        Tag(String rule) {
            this.rule = rule;
        }

        @Override
        public void open(OpenContext context) {
            counter = getRuntimeContext().getMetricGroup().counter("lateReadings");
        }

        @Override
        public LateReading map(Reading reading) {
            counter.inc();
            LateReading late = new LateReading();
            late.reading = reading;
            late.rule = rule;
            return late;
        }
    }
}
