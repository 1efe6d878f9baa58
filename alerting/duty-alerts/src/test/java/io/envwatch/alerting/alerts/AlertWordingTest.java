package io.envwatch.alerting.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.language.Language;
import io.envwatch.district.language.Words;
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

    private static final Words EN = Words.of(Language.EN);
    private static final Words ZH = Words.of(Language.ZH_CN);

    @Test
    void figuresReadAtTheirPrecisionWithUnits() {
        IncidentSnapshot odour = incident("odour-h2s", "h2s", 0.019999999999999997, 0.12000000000000002, 0.06, "");
        assertThat(AlertWording.summary(odour, EN))
                .isEqualTo("Peak 0.120 mg/m3 against a limit of 0.060 mg/m3; latest 0.020 mg/m3.");
        assertThat(AlertWording.summary(odour, ZH)).isEqualTo("峰值 0.120 mg/m3，限值 0.060 mg/m3；最新 0.020 mg/m3。");
        IncidentSnapshot noise = incident("noise-laeq-1m", "noise", 70.04, 72.49999999999999, 55, "night");
        assertThat(AlertWording.summary(noise, EN))
                .isEqualTo("Peak 72.5 dB(A) against a limit of 55.0 dB(A) (night); latest 70.0 dB(A).");
        assertThat(AlertWording.summary(noise, ZH)).isEqualTo("峰值 72.5 dB(A)，限值 55.0 dB(A)（夜间）；最新 70.0 dB(A)。");
    }

    @Test
    void aBudgetAlertSaysItsFigureIsAShortfallNotAReadingOverALimit() {
        IncidentSnapshot budget = incident("tp-budget", "tp", 0.412, 0.8964, 0, "");
        assertThat(AlertWording.summary(budget, EN))
                .contains("fell short of it by 0.896 mg/L at worst (0.412 mg/L now)")
                .doesNotContain("limit of");
        assertThat(AlertWording.summary(budget, ZH)).contains("余量最多低于预警水平 0.896 mg/L（当前 0.412 mg/L）");
        assertThat(AlertWording.kind("tp-budget", EN)).isEqualTo("River: the month's phosphorus budget is running out");
        assertThat(AlertWording.kind("tp-budget", ZH)).isEqualTo("河流：本月总磷余量即将耗尽");
    }

    @Test
    void ruleNamesAreSpelledOutTheDemosCompressedIntervalsToo() {
        assertThat(AlertWording.kind("noise-laeq-10s", EN))
                .isEqualTo("Noise: LAeq over 10-second intervals above the limit");
        assertThat(AlertWording.kind("noise-laeq-1m", EN))
                .isEqualTo("Noise: LAeq over 1-minute intervals above the limit");
        assertThat(AlertWording.kind("noise-laeq-1h", EN))
                .isEqualTo("Noise: LAeq over 1-hour intervals above the limit");
        assertThat(AlertWording.kind("noise-laeq-1h", ZH)).isEqualTo("噪声：1小时等效声级 LAeq 超过限值");
        assertThat(AlertWording.kind("noise-laeq-10s", ZH)).isEqualTo("噪声：10秒等效声级 LAeq 超过限值");
    }

    @Test
    void pollutantsAreNamedAsTheStandardNamesThem() {
        assertThat(AlertWording.kind("odour-h2s", EN)).isEqualTo("Odour: hydrogen sulfide above the boundary limit");
        assertThat(AlertWording.kind("odour-h2s", ZH)).isEqualTo("恶臭：硫化氢超过厂界标准值");
        assertThat(AlertWording.kind("odour-odour", ZH)).isEqualTo("恶臭：臭气浓度超过厂界标准值");
        assertThat(AlertWording.kind("odour-methyl_mercaptan", EN))
                .isEqualTo("Odour: methyl mercaptan above the boundary limit");
        assertThat(AlertWording.kind("no-data", ZH)).isEqualTo("设备离线：无监测数据");
        // A rule a newer job names and this service does not know is shown by its name.
        assertThat(AlertWording.kind("vibration-peak", ZH)).isEqualTo("vibration-peak");
    }
}
