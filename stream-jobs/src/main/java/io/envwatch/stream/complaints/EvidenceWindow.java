package io.envwatch.stream.complaints;

import io.envwatch.district.limits.RuleSettings;
import io.envwatch.stream.incidents.Judgement;

/**
 * Which verdicts speak for a complaint. Time is cut into slots ({@code evidenceSlot}, 10 minutes,
 * counted from midnight, so local and UTC slots coincide) and a verdict belongs to the slot its
 * interval ends in. A complaint's window, observed time minus {@code before} to plus {@code after},
 * is rounded out to whole slots; its verdicts are those ending in those slots, and it is decided
 * when event time has passed the last slot, by which time every one of them has arrived. Because
 * the answer depends on the slots alone, a site can keep one summary per slot instead of every
 * verdict, and give the same answer whenever within the horizon the complaint comes in.
 */
public record EvidenceWindow(long firstSlot, long lastSlot, long slotMillis) {

    public static EvidenceWindow around(long observedAt, RuleSettings.Complaints settings) {
        long slot = settings.evidenceSlotMillis();
        long from = observedAt - settings.beforeMillis();
        long to = observedAt + settings.afterMillis();
        return new EvidenceWindow(slotOf(from, slot), slotOf(Math.max(from, to - 1), slot), slot);
    }

    /** The slot of an interval [start, end): the one holding its last millisecond. */
    public static long slotOf(Judgement verdict, long slotMillis) {
        return slotOf(Math.max(verdict.start, verdict.end - 1), slotMillis);
    }

    static long slotOf(long t, long slotMillis) {
        return Math.floorDiv(t, slotMillis) * slotMillis;
    }

    /**
     * When event time has passed every verdict of the window. A verdict is emitted with its
     * interval's last millisecond as timestamp, so event time passing this has brought them all.
     */
    public long due() {
        return lastSlot + slotMillis;
    }
}
