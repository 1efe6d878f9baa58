package io.envwatch.district.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.district.complaints.ComplaintCategory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleIdTest {

    @Test
    void everyRuleNameTheJobWritesReadsBackAsTheSameRule() {
        List<RuleId> rules = List.of(
                RuleId.laeq(Duration.ofMinutes(1)),
                RuleId.laeq("PT10S"),
                RuleId.laeq("PT1H"),
                RuleId.odour("h2s"),
                RuleId.odour("methyl_mercaptan"),
                RuleId.NOISE_NIGHT_MAX,
                RuleId.TP_MEAN,
                RuleId.TP_SPIKE,
                RuleId.TP_DAILY,
                RuleId.TP_BUDGET,
                RuleId.NO_DATA);
        assertThat(rules)
                .extracting(RuleId::wireName)
                .containsExactly(
                        "noise-laeq-1m",
                        "noise-laeq-10s",
                        "noise-laeq-1h",
                        "odour-h2s",
                        "odour-methyl_mercaptan",
                        "noise-night-max",
                        "tp-mean",
                        "tp-spike",
                        "tp-daily",
                        "tp-budget",
                        "no-data");
        for (RuleId rule : rules) {
            assertThat(RuleId.parse(rule.wireName())).contains(rule);
        }
        assertThat(RuleId.laeq("PT20M").laeqInterval()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void onlyLaeqOdourAndRiverQualityVerdictsSpeakForComplaints() {
        assertThat(RuleId.laeq("PT1M").complaintCategory()).contains(ComplaintCategory.NOISE);
        assertThat(RuleId.odour("nh3").complaintCategory()).contains(ComplaintCategory.ODOUR);
        assertThat(RuleId.TP_SPIKE.complaintCategory()).contains(ComplaintCategory.WATER);
        assertThat(RuleId.NOISE_NIGHT_MAX.complaintCategory()).isEmpty();
        assertThat(RuleId.TP_BUDGET.complaintCategory()).isEmpty();
        assertThat(RuleId.NO_DATA.complaintCategory()).isEmpty();
    }

    @Test
    void namesNoRuleHasAreNotRules() {
        assertThat(RuleId.parse("noise-laeq-")).isEmpty();
        assertThat(RuleId.parse("tp-mean-1")).isEmpty();
        assertThat(RuleId.parse("vibration")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> new RuleId(RuleId.Family.TP_MEAN, "x")).hasMessageContaining("takes no variant");
    }
}
