package io.envwatch.alerting.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.language.Language;
import io.envwatch.district.language.Voice;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationTextTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Voice CHINESE = new Voice(Language.ZH_CN, SHANGHAI);
    private static final Voice ENGLISH = new Voice(Language.EN, SHANGHAI);

    @Test
    void anAlertIsToldInTheDistrictsLanguageWithItsWallClock() {
        Notification n = Notifications.opened("FE-N01");
        NotificationText zh = NotificationText.of(n, Notifications.CONSOLE, CHINESE);
        assertThat(zh.title()).isEqualTo("EnvWatch 告警生成：FE-N01 · " + kind(n));
        assertThat(zh.lines()).contains("镇街 fenggang，级别 高，状态 待签收", "时限：请于 2026-12-06 23:45:00 前签收（Asia/Shanghai）");
        assertThat(zh.shortText())
                .isEqualTo("EnvWatch 告警生成：FE-N01（fenggang）" + kind(n) + "，级别 高，请于 2026-12-06 23:45:00 前签收");
        assertThat(zh.markdown()).contains("[在 EnvWatch 值班台打开](https://duty.example.cn/console/#alert=");
        assertThat(zh.html()).contains(">在 EnvWatch 值班台打开</a>");

        NotificationText en = NotificationText.of(n, Notifications.CONSOLE, ENGLISH);
        assertThat(en.lines())
                .contains(
                        "Town fenggang, severity high, state open",
                        "Deadline: acknowledge by 2026-12-06 23:45:00 (Asia/Shanghai)");
        assertThat(en.shortText()).endsWith(", high, acknowledge by 2026-12-06 23:45:00");
        assertThat(en.markdown()).contains("[Open in the EnvWatch console](");
    }

    @Test
    void anAlertWithNoDeadlineLeftSaysNone() {
        Notification open = Notifications.opened("FE-N01");
        JsonObject closed = open.subject().copy().put("state", "resolved");
        closed.remove("deadline");
        Notification n =
                new Notification("alert.resolved", "x/2", open.subjectId(), closed, Set.of(Audience.DUTY_ROOM));
        assertThat(NotificationText.of(n, Notifications.CONSOLE, CHINESE).shortText())
                .isEqualTo("EnvWatch 告警办结：FE-N01（fenggang）" + kind(n) + "，级别 高");
        assertThat(NotificationText.of(n, Notifications.CONSOLE, ENGLISH).lines())
                .noneMatch(l -> l.startsWith("Deadline"));
    }

    @Test
    void anEscalatedCaseNamesTheRoleItWentTo() {
        JsonObject c = new JsonObject()
                .put("id", "K-20261206-001")
                .put("town", "fenggang")
                .put("source", "FE-O01")
                .put("cause", "夜间异味反复投诉")
                .put("owner", "王局")
                .put("state", "rectifying")
                .put("escalatedTo", "duty-leader");
        Notification n = new Notification("case.escalated", "K/1", "K-20261206-001", c, Set.of(Audience.DUTY_LEADER));
        NotificationText zh = NotificationText.of(n, Notifications.CONSOLE, CHINESE);
        assertThat(zh.title()).isEqualTo("EnvWatch 案件升级督办：K-20261206-001（fenggang）");
        assertThat(zh.lines()).containsExactly("夜间异味反复投诉", "包案领导 王局，状态 整改中", "已升级至 带班领导");
        assertThat(zh.link()).isEqualTo("https://duty.example.cn/console/cases.html#case=K-20261206-001");
    }

    @Test
    void aChineseSmsKeepsItsLinkWholeAndItsCharactersIntact() {
        NotificationText zh = NotificationText.of(Notifications.opened("FE-N01"), Notifications.CONSOLE, CHINESE);
        String two = zh.sms(2);
        assertThat(two).startsWith("EnvWatch 告警生成：FE-N01").contains("…").endsWith(" " + zh.link());
        // Two UCS-2 segments hold 134 characters; a cut never splits a character.
        assertThat(SmsText.segments(two)).isEqualTo(2);
        assertThat(new String(two.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo(two);
        // One segment has no room for words beside the link: the link alone goes, whole.
        assertThat(zh.sms(1)).isEqualTo(zh.link());
    }

    private static String kind(Notification n) {
        return n.subject().getJsonObject("display").getString("kind");
    }
}
