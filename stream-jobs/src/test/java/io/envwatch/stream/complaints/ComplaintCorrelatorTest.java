package io.envwatch.stream.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.stream.Harnesses;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.river.MonthlyAssessment;
import io.envwatch.stream.river.RiverRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ComplaintCorrelatorTest {
    @Test
    void keepsOnlyVerdictsThatCanSpeakForAComplaint() throws Exception {
        ComplaintCorrelator correlator = new ComplaintCorrelator(RegistryLoader.sample());
        try (KeyedTwoInputStreamOperatorTestHarness<String, ComplaintAtSite, Judgement, SiteEvidence> harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(correlator), p -> p.site, j -> j.site, Types.STRING)) {
            harness.open();
            long t = 1_790_000_000_000L;
            // A river station's budget and daily verdicts (one per sample) speak for no complaint category.
            for (int i = 0; i < 500; i++) {
                harness.processElement2(verdict("W-QILING", MonthlyAssessment.BUDGET, t + i * 1_000L), t + i * 1_000L);
                harness.processElement2(verdict("W-QILING", MonthlyAssessment.DAILY, t + i * 1_000L), t + i * 1_000L);
            }
            assertThat(harness.numKeyedStateEntries()).isZero();
            harness.processElement2(verdict("W-QILING", RiverRules.RULE, t), t);
            harness.processElement2(verdict("FE-N01", "noise-laeq-1m", t), t);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        }
    }

    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final long MINUTE = 60_000;
    /** 17:00 local (UTC+8). */
    private static final long FIVE_PM = Instant.parse("2026-11-20T09:00:00Z").toEpochMilli();

    /** FE-O01's 10-minute H2S intervals from 17:00 for {@code minutes}: 0.12 (over the 0.10 limit) from 18:00 to 19:00. */
    private static List<Judgement> odourEvening(int minutes) {
        List<Judgement> verdicts = new ArrayList<>();
        for (int m = 0; m < minutes; m += 10) {
            double h2s = m >= 60 && m < 120 ? 0.12 : 0.02;
            verdicts.add(Judgement.builder("FE-O01", "odour-h2s")
                    .quantity("h2s", "mg/m3")
                    .interval(FIVE_PM + m * MINUTE, FIVE_PM + (m + 10) * MINUTE)
                    .value(h2s)
                    .limit(0.10, 0.09)
                    .persistence(1, 0, 30 * MINUTE)
                    .build());
        }
        return verdicts;
    }

    private static ComplaintAtSite at(String id, long observedAt) {
        ComplaintAtSite pair = new ComplaintAtSite();
        pair.complaint = new Complaint();
        pair.complaint.id = id;
        pair.complaint.category = "odour";
        pair.complaint.observedAt = observedAt;
        pair.site = "FE-O01";
        pair.metres = 300;
        pair.candidates = 1;
        return pair;
    }

    /** Feeds the verdicts with event time following them; the complaint comes once event time has reached {@code filedAt}. */
    private static SiteEvidence judged(List<Judgement> verdicts, ComplaintAtSite complaint, long filedAt)
            throws Exception {
        try (KeyedTwoInputStreamOperatorTestHarness<String, ComplaintAtSite, Judgement, SiteEvidence> harness =
                harness()) {
            boolean filed = false;
            for (Judgement j : verdicts) {
                if (!filed && j.end > filedAt) {
                    harness.processElement1(complaint, complaint.complaint.observedAt);
                    filed = true;
                }
                harness.processElement2(j, j.end - 1);
                harness.processBothWatermarks(new Watermark(j.end - 1));
            }
            if (!filed) {
                harness.processElement1(complaint, complaint.complaint.observedAt);
            }
            return harness.extractOutputValues().stream()
                    .filter(e -> e.complaintId.equals(complaint.complaint.id))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, ComplaintAtSite, Judgement, SiteEvidence> harness()
            throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new ComplaintCorrelator(REGISTRY)),
                (ComplaintAtSite p) -> p.site,
                (Judgement j) -> j.site,
                Types.STRING);
        harness.open();
        return harness;
    }

    @Test
    void aComplaintFiledHoursOrWeeksAfterTheNuisanceIsJudgedOnTheSameEvidence() throws Exception {
        List<Judgement> weeks = odourEvening(20 * 24 * 60);
        ComplaintAtSite complaint = at("C-1840", FIVE_PM + 100 * MINUTE); // 18:40
        SiteEvidence atOnce = judged(weeks, complaint, FIVE_PM + 105 * MINUTE);
        assertThat(atOnce.finding).isEqualTo(SiteEvidence.EXCEEDED);
        assertThat(atOnce.describe()).isEqualTo("FE-O01 odour-h2s 0.120 mg/m3 / 0.100 mg/m3 @300 m");
        // 16:40 to 19:10: the six intervals ending 16:50 ... 17:40 do not exist, 17:00-19:10 has 13
        assertThat(atOnce.intervals).isEqualTo(13);
        assertThat(atOnce.at).isEqualTo(FIVE_PM + 60 * MINUTE);
        for (long filed :
                new long[] {FIVE_PM + 330 * MINUTE, FIVE_PM + 16 * 60 * MINUTE, FIVE_PM + 19 * 24 * 60 * MINUTE}) {
            assertThat(judged(weeks, complaint, filed))
                    .usingRecursiveComparison()
                    .isEqualTo(atOnce);
        }
    }

    @Test
    void verdictsInAnyOrderWithinTheirSlotsGiveTheSameEvidence() throws Exception {
        Random random = new Random(7);
        List<Judgement> verdicts = new ArrayList<>();
        for (int m = 0; m < 300; m++) {
            verdicts.add(Judgement.builder("FE-O01", random.nextBoolean() ? "odour-h2s" : "odour-nh3")
                    .quantity("h2s", "mg/m3")
                    .interval(FIVE_PM + m * MINUTE, FIVE_PM + (m + 1) * MINUTE)
                    .value(0.08 + random.nextInt(5) * 0.01)
                    .limit(0.10, 0.09)
                    .build());
        }
        ComplaintAtSite complaint = at("C-random", FIVE_PM + 150 * MINUTE);
        SiteEvidence inOrder = judged(verdicts, complaint, FIVE_PM + 150 * MINUTE);
        for (int round = 0; round < 5; round++) {
            // out of order by up to 9 minutes, as two readers of a bursty broker deliver them
            List<Judgement> shuffled = Harnesses.shuffledWithin(verdicts, j -> j.start, 9 * MINUTE, random);
            try (var harness = harness()) {
                for (Judgement j : shuffled) {
                    harness.processElement2(j, j.end - 1);
                }
                harness.processBothWatermarks(new Watermark(FIVE_PM + 300 * MINUTE));
                harness.processElement1(complaint, complaint.complaint.observedAt);
                assertThat(harness.extractOutputValues())
                        .singleElement()
                        .usingRecursiveComparison()
                        .isEqualTo(inOrder);
            }
        }
    }

    @Test
    void aComplaintStillInFlightWhenTheInputEndsIsJudgedOnWhatTheSiteKept() throws Exception {
        List<Judgement> evening = odourEvening(24 * 60);
        ComplaintAtSite complaint = at("C-1840", FIVE_PM + 100 * MINUTE);
        SiteEvidence inTime = judged(evening, complaint, FIVE_PM + 105 * MINUTE);
        try (var harness = harness()) {
            for (Judgement j : evening) {
                harness.processElement2(j, j.end - 1);
            }
            // A drained job or a replay: the sensors' end of input can pass a complaint still on its
            // way from the intake, a network hop shorter; the end of input is not 30 days passing.
            harness.processBothWatermarks(Watermark.MAX_WATERMARK);
            harness.processElement1(complaint, complaint.complaint.observedAt);
            assertThat(harness.extractOutputValues())
                    .singleElement()
                    .usingRecursiveComparison()
                    .isEqualTo(inTime);
        }
    }

    @Test
    void aSiteKeepsItsSlotsForTheHorizonAndNoLonger() throws Exception {
        try (var harness = harness()) {
            for (Judgement j : odourEvening(24 * 60)) {
                harness.processElement2(j, j.end - 1);
            }
            long keep = REGISTRY.rules().complaints().keepEvidenceMillis();
            long dayAfter = FIVE_PM + 48 * 60 * MINUTE;
            harness.processBothWatermarks(new Watermark(dayAfter + keep - 48 * 60 * MINUTE));
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
            harness.processBothWatermarks(new Watermark(dayAfter + keep));
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aNoiseSiteKeepsUnderHalfAMegabyteForTheHorizon() throws Exception {
        try (var harness = harness()) {
            // 40 days of the three LAeq intervals, more than the 30-day horizon holds
            for (long t = FIVE_PM; t < FIVE_PM + 40 * 24 * 60 * MINUTE; t += MINUTE) {
                for (long length : new long[] {MINUTE, 20 * MINUTE, 60 * MINUTE}) {
                    if ((t - FIVE_PM) % length == 0) {
                        Judgement j = Judgement.builder("FE-N01", "noise-laeq-" + length / MINUTE + "m")
                                .quantity("noise", "dB(A)")
                                .interval(t, t + length)
                                .value(50 + (t / MINUTE) % 13)
                                .limit(55, 52)
                                .period("night")
                                .persistence(3, 0, 0)
                                .build();
                        harness.processElement2(j, j.end - 1);
                    }
                }
                if ((t - FIVE_PM) % (60 * MINUTE) == 0) {
                    harness.processBothWatermarks(new Watermark(t - 1));
                }
            }
            long bytes = harness.snapshot(1, 1).getManagedKeyedState().stream()
                    .mapToLong(s -> s.getStateSize())
                    .sum();
            System.out.println("complaint evidence of one noise site, 30-day horizon: " + bytes + " bytes");
            assertThat(bytes).isBetween(100_000L, 500_000L);
        }
    }

    private static Judgement verdict(String site, String rule, long start) {
        return Judgement.builder(site, rule)
                .quantity("tp", "mg/L")
                .interval(start, start + 1_000)
                .value(0.2)
                .limit(0.3, 0.25)
                .period("day")
                .build();
    }

    @Test
    void evidenceForPeopleShowsEachFigureAtItsQuantitysPrecision() {
        SiteEvidence e = new SiteEvidence();
        e.site = "TA-O03";
        e.rule = "odour-h2s";
        e.quantity = "h2s";
        e.value = 0.12000000000000002;
        e.limit = 0.06;
        e.metres = 312.4;
        assertThat(e.describe()).isEqualTo("TA-O03 odour-h2s 0.120 mg/m3 / 0.060 mg/m3 @312 m");
        e.quantity = "noise";
        e.value = 72.49999999999999;
        e.limit = 65;
        assertThat(e.describe()).isEqualTo("TA-O03 odour-h2s 72.5 dB(A) / 65.0 dB(A) @312 m");
    }
}
