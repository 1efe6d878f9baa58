package io.envwatch.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.district.registry.RegistryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs in CI, so the compose stack cannot be started here; this at least keeps
 * its files from drifting: every mounted file exists or is an artifact this build produces.
 */
class ComposeFileTest {

    @Test
    void everyMountedFileExistsOrIsBuiltByMaven() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("docker-compose.yml").toFile());
        List<String> sources = new ArrayList<>();
        compose.get("services")
                .forEach(service -> service.path("volumes").forEach(v -> {
                    String source = v.asText().split(":")[0];
                    if (source.startsWith(".")) {
                        sources.add(source);
                    }
                }));
        assertThat(sources).isNotEmpty();
        String streamJobsPom = Files.readString(Path.of("../stream-jobs/pom.xml"));
        String infraPom = Files.readString(Path.of("pom.xml"));
        for (String source : sources) {
            if (source.contains("/target/")) {
                String jar = Path.of(source).getFileName().toString().replace(".jar", "");
                assertThat(streamJobsPom + infraPom).as(source).contains("<finalName>" + jar + "</finalName>");
            } else {
                assertThat(Path.of(source)).as(source).exists();
            }
        }
    }

    @Test
    void theDutySettingsTheStackMountsAreValid() throws Exception {
        var settings = DutySettingsLoader.load(
                Path.of("duty/duty.yaml"), RegistryLoader.sample(), ShippedDutySettingsIT.composeEnvironment()::get);
        assertThat(settings.staff()).isNotEmpty();
        assertThatThrownBy(
                        () -> DutySettingsLoader.load(Path.of("duty/duty.yaml"), RegistryLoader.sample(), name -> null))
                .as("without the environment's token hashes and tip key")
                .hasMessageContaining("ENVWATCH_TOKEN_SHA256_DUTY_OFFICER")
                .hasMessageContaining("ENVWATCH_TIP_KEY");
    }

    @Test
    void theStacksFlinkConfigurationReadsAsFlinkReadsIt() {
        Configuration flink = GlobalConfiguration.loadConfiguration("flink");
        assertThat(flink.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(flink.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(flink.toMap()).containsEntry("state.backend.rocksdb.timer-service.factory", "HEAP");
    }
}
