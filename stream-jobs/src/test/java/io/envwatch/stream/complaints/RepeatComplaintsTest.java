package io.envwatch.stream.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.SiteRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Repeat cases are a function of the complaints' observed times alone: whatever order their
 * outcomes arrive in, and however late within the complaint horizon, the cases stored last are
 * the same. (Outcomes reach this operator once event time has passed the complaint's evidence
 * window, so a complaint filed at once arrives half an hour after it was observed, and one filed
 * by the hotline weeks later arrives weeks late.)
 */
class RepeatComplaintsTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;
    private static final long T0 = Instant.parse("2026-09-01T02:00:00Z").toEpochMilli();
    private static final long FILED_AT_ONCE = 30 * 60_000;

    private record Filed(ComplaintOutcome outcome, long arrives) {}

    @Test
    void threeComplaintsWithinThePeriodOpenACaseThatClosesAfterAQuietPeriod() throws Exception {
        List<RepeatCase> told = run(
                List.of(
                        atOnce("C1", "B-FE-01", T0),
                        atOnce("C2", "B-FE-01", T0 + DAY),
                        atOnce("C3", "B-FE-01", T0 + 2 * DAY),
                        atOnce("C4", "B-FE-01", T0 + 10 * DAY)),
                T0 + 60 * DAY);
        assertThat(told).extracting(c -> c.state + " x" + c.count).containsExactly("open x3", "open x4", "closed x4");
        RepeatCase closed = told.get(told.size() - 1);
        assertThat(closed.id).isEqualTo("B-FE-01:odour:" + T0);
        assertThat(closed.complaints).containsExactly("C1", "C2", "C3", "C4");
        assertThat(closed.last).isEqualTo(T0 + 10 * DAY);
    }

    @Test
    void aComplaintFiledAfterItsCaseClosedStillBelongsToIt() throws Exception {
        // C4, observed a day after C3, is filed 29 days later: after the case closed in event time.
        List<Filed> filed = List.of(
                atOnce("C1", "B-FE-01", T0),
                atOnce("C2", "B-FE-01", T0 + DAY),
                atOnce("C3", "B-FE-01", T0 + 2 * DAY),
                filed("C4", "B-FE-01", T0 + 3 * DAY, T0 + 32 * DAY));
        Map<String, String> shuffled = last(run(filed, T0 + 90 * DAY));
        Map<String, String> inOrder = last(run(inTimeOrder(filed), T0 + 90 * DAY));
        assertThat(inOrder).hasSize(1).containsKey("B-FE-01:odour:" + T0);
        assertThat(inOrder.values().iterator().next()).contains("closed", "complaints=[C1, C2, C3, C4]");
        assertThat(shuffled).isEqualTo(inOrder);
    }

    @Test
    void complaintsFurtherApartThanThePeriodMakeNoCaseInAnyOrder() throws Exception {
        // Day 0, 20 and 40 about one building: no 30 days hold three of them. Day 20 is filed first,
        // day 0 three weeks late, then day 40 at once.
        List<Filed> filed = List.of(
                atOnce("C20", "B-FE-01", T0 + 20 * DAY),
                filed("C0", "B-FE-01", T0, T0 + 21 * DAY),
                atOnce("C40", "B-FE-01", T0 + 40 * DAY));
        assertThat(run(inTimeOrder(filed), T0 + 90 * DAY)).isEmpty();
        assertThat(run(filed, T0 + 90 * DAY)).isEmpty();
    }

    @Test
    void aLateComplaintThatStartsTheCaseEarlierMergesTheCaseItWasTold() throws Exception {
        // C1..C3 make a case from day 5; C0 (day 1), filed on day 8, makes it start on day 1 with C1 and C2.
        List<Filed> filed = List.of(
                atOnce("C1", "B-FE-01", T0 + 5 * DAY),
                atOnce("C2", "B-FE-01", T0 + 6 * DAY),
                atOnce("C3", "B-FE-01", T0 + 7 * DAY),
                filed("C0", "B-FE-01", T0 + 4 * DAY, T0 + 8 * DAY));
        List<RepeatCase> told = run(filed, T0 + 9 * DAY);
        Map<String, String> states = last(told);
        assertThat(states).containsOnlyKeys("B-FE-01:odour:" + (T0 + 5 * DAY), "B-FE-01:odour:" + (T0 + 4 * DAY));
        assertThat(states.get("B-FE-01:odour:" + (T0 + 5 * DAY)))
                .startsWith("merged into B-FE-01:odour:" + (T0 + 4 * DAY));
        assertThat(states.get("B-FE-01:odour:" + (T0 + 4 * DAY))).contains("open", "complaints=[C0, C1, C2, C3]");
        assertThat(live(told)).isEqualTo(live(run(inTimeOrder(filed), T0 + 9 * DAY)));
    }

    @Test
    void anyOrderWithinTheHorizonGivesTheSameCases() throws Exception {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            List<Filed> filed = new ArrayList<>();
            String[] places = {"B-FE-01", "B-FE-02", "B-TA-05"};
            for (int i = 0; i < 30; i++) {
                long observed = T0 + (long) (random.nextDouble() * 120 * DAY);
                // Most are filed at once; some by the hotline, up to the 30-day horizon late.
                long late = random.nextInt(3) == 0 ? (long) (random.nextDouble() * 30 * DAY) : FILED_AT_ONCE;
                filed.add(filed("C" + i, places[random.nextInt(places.length)], observed, observed + late));
            }
            filed.sort(Comparator.comparingLong(Filed::arrives));
            Map<String, String> inOrder = live(run(inTimeOrder(filed), T0 + 200 * DAY));
            Map<String, String> shuffled = live(run(filed, T0 + 200 * DAY));
            assertThat(shuffled).as("seed " + seed).isEqualTo(inOrder);
        }
    }

    @Test
    void aPlaceIsForgottenOnceNoComplaintWithinTheHorizonCanReachItsCases() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, ComplaintOutcome, RepeatCase> harness = harness()) {
            for (int i = 0; i < 3; i++) {
                harness.processElement(atOnce("C" + i, "B-FE-01", T0 + i * DAY).outcome, T0 + i * DAY);
            }
            harness.processWatermark(new Watermark(T0 + 40 * DAY));
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
            // Closed after 30 quiet days; a complaint filed up to 30 days late could still extend it.
            harness.processWatermark(new Watermark(T0 + 63 * DAY));
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(last(harness.extractOutputValues()).values())
                    .singleElement()
                    .asString()
                    .startsWith("closed");
        }
    }

    @Test
    void theEndOfABoundedInputIsNotAQuietPeriod() {
        // A replay of a file ends with event time at its maximum: cases stay as they were, and no timer spins.
        List<RepeatCase> told = assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> run(
                        List.of(
                                atOnce("C1", "B-FE-01", T0),
                                atOnce("C2", "B-FE-01", T0 + DAY),
                                atOnce("C3", "B-FE-01", T0 + 2 * DAY)),
                        Long.MAX_VALUE));
        assertThat(told).extracting(c -> c.state).containsExactly(RepeatCase.OPEN);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ComplaintOutcome, RepeatCase> harness()
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ComplaintOutcome, RepeatCase> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new RepeatComplaints(REGISTRY)),
                        RepeatComplaints.byPlace(REGISTRY),
                        Types.STRING);
        harness.open();
        return harness;
    }

    /** Feeds the outcomes in the order given, each at event time of its arrival, then event time to {@code end}. */
    private static List<RepeatCase> run(List<Filed> filed, long end) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, ComplaintOutcome, RepeatCase> harness = harness()) {
            long watermark = Long.MIN_VALUE;
            for (Filed f : filed) {
                if (f.arrives > watermark) {
                    watermark = f.arrives;
                    harness.processWatermark(new Watermark(watermark));
                }
                harness.processElement(f.outcome, f.outcome.complaint.observedAt);
            }
            harness.processWatermark(new Watermark(end));
            return harness.extractOutputValues();
        }
    }

    private static List<Filed> inTimeOrder(List<Filed> filed) {
        return filed.stream()
                .sorted(Comparator.comparingLong(f -> f.outcome.complaint.observedAt))
                .map(f -> new Filed(f.outcome, f.outcome.complaint.observedAt + FILED_AT_ONCE))
                .toList();
    }

    /** Each case as told last. */
    private static Map<String, String> last(List<RepeatCase> told) {
        Map<String, String> last = new TreeMap<>();
        told.forEach(c -> last.put(c.id, describe(c)));
        return last;
    }

    /** The cases as told last, without those merged into another: what the store holds as live cases. */
    private static Map<String, String> live(List<RepeatCase> told) {
        Map<String, String> live = last(told);
        live.values().removeIf(c -> c.startsWith(RepeatCase.MERGED));
        return live;
    }

    private static String describe(RepeatCase c) {
        return (RepeatCase.MERGED.equals(c.state) ? "merged into " + c.mergedInto : c.state) + " first=" + c.first
                + " last=" + c.last + " count=" + c.count + " corroborated=" + c.corroborated + " town=" + c.town
                + " complaints=" + c.complaints + " incidents=" + c.incidents;
    }

    private static Filed atOnce(String id, String building, long observed) {
        return filed(id, building, observed, observed + FILED_AT_ONCE);
    }

    private static Filed filed(String id, String building, long observed, long arrives) {
        Complaint c = new Complaint();
        c.id = id;
        c.category = "odour";
        c.building = building;
        c.town = "fenggang";
        c.observedAt = observed;
        c.receivedAt = arrives;
        boolean corroborated = id.hashCode() % 2 == 0;
        ComplaintOutcome o = ComplaintOutcome.of(
                c, corroborated ? ComplaintOutcome.CORROBORATED : ComplaintOutcome.NOT_CORROBORATED, "");
        if (corroborated) {
            o.exceeded.add(new ExceededInterval(new SiteRule("FE-O01", "odour-h2s"), observed - HOUR).format());
        }
        return new Filed(o, arrives);
    }
}
