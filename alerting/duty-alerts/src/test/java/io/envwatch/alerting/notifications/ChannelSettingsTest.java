package io.envwatch.alerting.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.envwatch.alerting.settings.SettingsReader;
import io.envwatch.district.registry.RegistryLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each channel type reads the keys it needs, its secrets from the environment only, and says which line is wrong. */
class ChannelSettingsTest {
    private static List<ChannelSettings> read(String yaml, Map<String, String> env, List<String> problems)
            throws Exception {
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        SettingsReader r = new SettingsReader(RegistryLoader.locator(yaml, tree), tree, Set.of());
        List<ChannelSettings> channels =
                ChannelSettings.read(r, tree.path("channels"), RegistryLoader.sample(), env::get, Set.of(), Set.of());
        problems.addAll(r.problems());
        return channels;
    }

    @Test
    void everyKindIsReadWithItsSecretsFromTheEnvironment() throws Exception {
        List<String> problems = new java.util.ArrayList<>();
        List<ChannelSettings> channels =
                read("""
                channels:
                  - {id: w, type: wecom, audience: "team:team-fenggang", keyEnv: WECOM_KEY}
                  - {id: d, type: dingtalk, audience: duty-room, tokenEnv: DING_TOKEN, keyword: 环保}
                  - id: s
                    type: sms
                    audience: duty-leader
                    url: https://sms.example.cn/send
                    body: '{"to":"{to}","text":"{text}"}'
                    to: ["+8613800138000"]
                  - id: e
                    type: email
                    audience: duty-leader
                    host: smtp.example.cn
                    username: envwatch
                    passwordEnv: SMTP_PASSWORD
                    from: envwatch@example.cn
                    to: [leader@example.cn]
                """, Map.of("WECOM_KEY", "k", "DING_TOKEN", "t", "SMTP_PASSWORD", "p"), problems);
        assertThat(problems).isEmpty();
        assertThat(channels).extracting(ChannelSettings::type).containsExactly("wecom", "dingtalk", "sms", "email");
        assertThat(channels.get(0).url()).isEqualTo(ChannelSettings.WECOM_ENDPOINT);
        assertThat(channels.get(0).secret()).isEqualTo("k");
        assertThat(channels.get(1).secret())
                .as("no signing secret: the keyword setting only")
                .isNull();
        assertThat(channels.get(2).sms().method()).isEqualTo("POST");
        assertThat(channels.get(2).sms().contentType()).isEqualTo(SmsGateway.JSON);
        assertThat(channels.get(2).sms().maxSegments()).isEqualTo(2);
        assertThat(channels.get(3).smtp().port()).isEqualTo(587);
        assertThat(channels.get(3).smtp().starttls())
                .as("on unless switched off")
                .isTrue();
        assertThat(channels.get(3).smtp().password()).isEqualTo("p");
    }

    @Test
    void whatAKindLacksIsToldWithItsLineAndSecretsAreNeverInline() throws Exception {
        List<String> problems = new java.util.ArrayList<>();
        read("""
                channels:
                  - {id: w, type: wecom, audience: duty-room, key: inline-key}
                  - {id: d, type: dingtalk, audience: duty-room, tokenEnv: NOT_SET}
                  - id: s
                    type: sms
                    audience: duty-room
                    url: https://sms.example.cn/send
                    body: '{"to":"{to}"}'
                    to: ["call me"]
                  - {id: e, type: email, audience: duty-room, host: smtp.example.cn, from: a@example.cn, to: [nobody]}
                """, Map.of(), problems);
        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "line 2 channels[0] (id w).key: unknown key (known: [audience, firstRetryAfter, id, keyEnv, maxAttempts, type, url])",
                        "line 2 channels[0] (id w).keyEnv: is missing",
                        "line 3 channels[1] (id d).tokenEnv: the environment variable NOT_SET is not set",
                        "line 8 channels[2] (id s).body: must carry the message as {text} (and the numbers as {to})",
                        "line 9 channels[2] (id s).to[0]: call me is not a phone number",
                        "line 10 channels[3] (id e).to[0]: nobody is not an e-mail address");
    }
}
