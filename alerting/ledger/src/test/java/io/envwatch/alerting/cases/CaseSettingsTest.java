package io.envwatch.alerting.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.envwatch.alerting.settings.SettingsReader;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ledger reads its own section of the duty settings, and says which line is wrong. */
class CaseSettingsTest {
    private static final Registry REGISTRY = RegistryLoader.sample();

    private static SettingsReader reader(String yaml) throws Exception {
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        return new SettingsReader(RegistryLoader.locator(yaml, tree), tree, Set.of());
    }

    @Test
    void leadersAndTheirChainAreReadFromTheStaff() throws Exception {
        SettingsReader r = reader("""
                cases:
                  evidencePeriod: P14D
                staff:
                  - {name: city, role: leader, level: city-leader}
                  - {name: section, role: leader, level: section-chief, towns: [fenggang], superior: city}
                  - {name: officer, role: duty-officer}
                """);
        CaseSettings s = CaseSettings.read(r, REGISTRY);
        assertThat(r.problems()).isEmpty();
        assertThat(s.evidencePeriod()).isEqualTo(Duration.ofDays(14));
        assertThat(s.leaders()).extracting(CaseSettings.Leader::name).containsExactly("city", "section");
        assertThat(s.leader("section").orElseThrow().superior()).isEqualTo("city");
    }

    @Test
    void aWrongTownASuperiorOfNoHigherLevelAndALevelOnAnOfficerAreEachToldWithTheirLine() throws Exception {
        SettingsReader r = reader("""
                staff:
                  - {name: branch, role: leader, level: branch-chief}
                  - {name: other, role: leader, level: branch-chief, towns: [atlantis], superior: branch}
                  - {name: officer, role: duty-officer, level: city-leader}
                """);
        CaseSettings.read(r, REGISTRY);
        assertThat(r.problems())
                .anySatisfy(p -> assertThat(p).startsWith("line 3").contains("no town atlantis"))
                .anySatisfy(p -> assertThat(p).startsWith("line 3").contains("is not of a higher level"))
                .anySatisfy(p -> assertThat(p).startsWith("line 4").contains("only a leader has a level"));
    }
}
