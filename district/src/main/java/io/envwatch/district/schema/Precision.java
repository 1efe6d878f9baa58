package io.envwatch.district.schema;

/** Timestamp precisions, and how two points that would share a timestamp are kept apart. */
final class Precision {
    static final String MS = "ms; one point per series and time, so a replay overwrites it";
    static final String MS_SUB =
            "ms, plus a sub-millisecond part from the content so that two records in one ms stay two";
    static final String NS = "ns, unique per point";

    private Precision() {}

    static long nanos(long epochMillis) {
        return epochMillis * 1_000_000L;
    }
}
