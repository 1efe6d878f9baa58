package io.envwatch.alerting.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsTextTest {
    private static final String LINK = " https://duty.example.cn/console/#alert=FE-N01:noise-laeq-1m:1764000000000";

    @Test
    void latinTextFits160AndChineseTextFits70InOneSegment() {
        assertThat(SmsText.segments("a".repeat(160))).isEqualTo(1);
        assertThat(SmsText.segments("a".repeat(161))).isEqualTo(2);
        assertThat(SmsText.segments("a".repeat(306))).isEqualTo(2);
        assertThat(SmsText.segments("噪".repeat(70))).isEqualTo(1);
        assertThat(SmsText.segments("噪".repeat(71))).isEqualTo(2);
        assertThat(SmsText.segments("a".repeat(69) + "噪"))
                .as("one Chinese character makes it UCS-2")
                .isEqualTo(1);
        assertThat(SmsText.segments("a".repeat(70) + "噪")).isEqualTo(2);
        assertThat(SmsText.gsm7("Noise at FE-N01, 71.2 dB(A) > 55")).isTrue();
    }

    @Test
    void aLongTextIsCutBeforeTheLinkWhichStaysWhole() {
        String head = "EnvWatch opened: FE-N01 (fenggang) Noise: LAeq over 1-minute intervals above the limit, HIGH, "
                + "acknowledge by 2026-12-06 23:45:00";
        String one = SmsText.fit(head, LINK, 1);
        assertThat(one).endsWith(LINK).contains("...");
        assertThat(SmsText.segments(one)).isEqualTo(1);
        assertThat(SmsText.fit(head, LINK, 2)).isEqualTo(head + LINK);

        String chinese = "EnvWatch 告警：凤岗镇 FE-N01 厂界噪声超标，夜间等效声级 71.2 dB(A)，限值 55 dB(A)，请于 23:45 前确认";
        String fitted = SmsText.fit(chinese, LINK, 2);
        assertThat(SmsText.segments(fitted)).isLessThanOrEqualTo(2);
        assertThat(fitted).endsWith(LINK).contains("…");
    }
}
