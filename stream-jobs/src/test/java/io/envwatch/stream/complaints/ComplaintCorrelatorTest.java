package io.envwatch.stream.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.ingest.registry.RegistryLoader;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.river.MonthlyAssessment;
import io.envwatch.stream.river.RiverRules;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ComplaintCorrelatorTest {
    @Test
    void keepsOnlyVerdictsThatCanSpeakForAComplaint() throws Exception {
        ComplaintCorrelator correlator = new ComplaintCorrelator(RegistryLoader.sample());
        try (KeyedTwoInputStreamOperatorTestHarness<String, ComplaintAtSite, Judgement, SiteEvidence> harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(correlator),
                        p -> p.site, j -> j.site, Types.STRING)) {
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

    private static Judgement verdict(String site, String rule, long start) {
        return Judgement.of(site, rule, "tp", "mg/L", start, start + 1_000, 0.2, 0.3, 0.25, "day", 1, 0, 0);
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
