package io.envwatch.hj212.gateway;

import io.envwatch.district.readings.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/** What the gateway did since it started, for its log line and for tests. */
public final class GatewayCounts {
    public final LongAdder connections = new LongAdder();
    public final LongAdder connectionsRefused = new LongAdder();
    public final LongAdder connectionsClosedForAbuse = new LongAdder();
    public final LongAdder packets = new LongAdder();
    public final LongAdder readings = new LongAdder();
    /** Values a logger flagged other than N: published with their flag, judged by no rule. */
    public final LongAdder flaggedValues = new LongAdder();
    /** Data packets of a kind the logger's {@code reads} does not take (hour and day data, ...): answered, not read. */
    public final LongAdder notRead = new LongAdder();

    public final LongAdder answered = new LongAdder();
    /** Data packets not acknowledged because the spool was full: the logger keeps them. */
    public final LongAdder spoolFull = new LongAdder();

    /** Times a connection was not read because its peer did not read the answers. */
    public final LongAdder pausedForAnswers = new LongAdder();

    public final LongAdder historyRequests = new LongAdder();
    public final LongAdder historyReadings = new LongAdder();
    /** Dead letters not kept: past a connection's rate, or the spool half full. */
    public final LongAdder refusalsNotPublished = new LongAdder();

    private final Map<RejectReason, LongAdder> refused = new EnumMap<>(RejectReason.class);

    public GatewayCounts() {
        for (RejectReason r : RejectReason.values()) {
            refused.put(r, new LongAdder());
        }
    }

    public void refused(RejectReason reason) {
        refused.get(reason).increment();
    }

    public long refusedFor(RejectReason reason) {
        return refused.get(reason).sum();
    }

    /** The refusals so far by reason, those with any. */
    public Map<String, Long> refusals() {
        Map<String, Long> out = new TreeMap<>();
        refused.forEach((r, n) -> {
            if (n.sum() > 0) {
                out.put(r.name(), n.sum());
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return connections.sum() + " connections (" + connectionsRefused.sum() + " refused, "
                + connectionsClosedForAbuse.sum() + " closed for abuse), " + packets.sum() + " packets, "
                + readings.sum() + " readings (" + flaggedValues.sum() + " flagged, " + historyReadings.sum()
                + " from " + historyRequests.sum() + " history requests), " + notRead.sum() + " packets not read, "
                + answered.sum() + " answered, " + spoolFull.sum() + " unanswered with the spool full, refused "
                + refusals() + " (" + refusalsNotPublished.sum() + " not published)";
    }
}
