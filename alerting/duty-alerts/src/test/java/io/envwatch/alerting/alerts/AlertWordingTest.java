package io.envwatch.alerting.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertWordingTest {
    private static IncidentSnapshot incident(
            String kind, String quantity, double value, double peak, double limit, String period) {
        return new IncidentSnapshot(
                "I-1",
                kind,
                "S-1",
                "fenggang",
                "team-fenggang",
                quantity,
                value,
                peak,
                limit,
                period,
                "HIGH",
                List.of(),
                List.of(),
                0,
                true,
                null);
    }

    @Test
    void figuresReadAtTheirPrecisionWithUnits() {
        assertThat(AlertWording.summary(
                        incident("odour-h2s", "h2s", 0.019999999999999997, 0.12000000000000002, 0.06, "")))
                .isEqualTo("Peak 0.120 mg/m3 against a limit of 0.060 mg/m3; latest 0.020 mg/m3.");
        assertThat(AlertWording.summary(incident("noise-laeq-1m", "noise", 70.04, 72.49999999999999, 55, "night")))
                .isEqualTo("Peak 72.5 dB(A) against a limit of 55.0 dB(A) (night); latest 70.0 dB(A).");
    }

    @Test
    void aBudgetAlertSaysItsFigureIsAShortfallNotAReadingOverALimit() {
        String text = AlertWording.summary(incident("tp-budget", "tp", 0.412, 0.8964, 0, ""));
        assertThat(text)
                .contains("fell short of it by 0.896 mg/L at worst (0.412 mg/L now)")
                .doesNotContain("limit of");
        assertThat(AlertWording.kind("tp-budget")).isEqualTo("River: the month's phosphorus budget is running out");
    }

    @Test
    void ruleNamesAreSpelledOutTheDemosCompressedIntervalsToo() {
        assertThat(AlertWording.kind("noise-laeq-10s"))
                .isEqualTo("Noise: LAeq over 10-second intervals above the limit");
        assertThat(AlertWording.kind("noise-laeq-1m")).isEqualTo("Noise: LAeq over 1-minute intervals above the limit");
        assertThat(AlertWording.kind("noise-laeq-1h")).isEqualTo("Noise: LAeq over 1-hour intervals above the limit");
        assertThat(AlertWording.kind("odour-h2s")).isEqualTo("Odour: h2s above the boundary limit");
        assertThat(AlertWording.kind("odour-methyl_mercaptan"))
                .isEqualTo("Odour: methyl mercaptan above the boundary limit");
    }
}
