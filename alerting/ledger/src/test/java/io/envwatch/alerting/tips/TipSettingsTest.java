package io.envwatch.alerting.tips;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.envwatch.alerting.settings.SettingsReader;
import io.envwatch.district.language.Language;
import io.envwatch.district.registry.RegistryLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Violation classes are named once for everyone, or once per language a person reads. */
class TipSettingsTest {
    private static final String KEY = "key: " + "A".repeat(43) + "=";

    private static SettingsReader reader(String yaml) throws Exception {
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        return new SettingsReader(RegistryLoader.locator(yaml, tree), tree, Set.of());
    }

    @Test
    void aClassIsNamedInTheReadersLanguage() throws Exception {
        SettingsReader r = reader("tips:\n  " + KEY + "\n  classes:\n"
                + "    - {id: pipe, name: {zh-CN: 暗管偷排, en: Hidden discharge pipes}, reward: 5000}\n"
                + "    - {id: fuel, name: 燃用高污染燃料, reward: 2000}\n"
                + "    - {id: dump, name: {zh-CN: 非法处置危险废物}, reward: 10000}\n");
        TipSettings s = TipSettings.read(r, name -> null);
        assertThat(r.problems()).isEmpty();
        TipSettings.TipClass pipe = s.tipClass("pipe").orElseThrow();
        assertThat(pipe.name(Language.ZH_CN)).isEqualTo("暗管偷排");
        assertThat(pipe.name(Language.EN)).isEqualTo("Hidden discharge pipes");
        assertThat(s.tipClass("fuel").orElseThrow().name(Language.EN))
                .as("one name for everyone")
                .isEqualTo("燃用高污染燃料");
        assertThat(s.tipClass("dump").orElseThrow().name(Language.EN))
                .as("a language it has no name in: the first it has")
                .isEqualTo("非法处置危险废物");
    }

    @Test
    void aNameInALanguageEnvWatchDoesNotSpeakIsRefusedWithItsLine() throws Exception {
        SettingsReader r = reader("tips:\n  " + KEY + "\n  classes:\n"
                + "    - {id: pipe, name: {fr: Tuyau caché, zh-CN: 暗管偷排}, reward: 5000}\n"
                + "    - {id: fuel, name: {}, reward: 2000}\n");
        TipSettings.read(r, name -> null);
        assertThat(r.problems())
                .anyMatch(p -> p.startsWith("line 4") && p.contains("keyed by en or zh-CN"))
                .anyMatch(p -> p.startsWith("line 5") && p.contains("name the class in at least one language"));
    }
}
