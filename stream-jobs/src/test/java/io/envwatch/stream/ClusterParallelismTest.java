package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the job's main sees on a cluster: a REST API run that names no parallelism hands it 1 in
 * the JobManager, whatever the cluster's parallelism.default; the job takes the cluster's.
 */
class ClusterParallelismTest {
    @TempDir
    Path conf;

    private Map<String, String> jobManagerWith(String yaml) throws Exception {
        Files.writeString(conf.resolve("config.yaml"), yaml);
        return Map.of("FLINK_CONF_DIR", conf.toString());
    }

    private static Configuration given(String target, int parallelism) {
        Configuration given = new Configuration();
        given.set(DeploymentOptions.TARGET, target);
        given.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        return given;
    }

    @Test
    void aRestRunInTheJobManagerTakesTheClustersDefault() throws Exception {
        Map<String, String> jm = jobManagerWith("parallelism:\n  default: 3\n");
        assertThat(EnvWatchJobMain.clusterParallelism(given("embedded", 1), jm)).hasValue(3);
    }

    @Test
    void aParallelismTheRunNamedIsKept() throws Exception {
        Map<String, String> jm = jobManagerWith("parallelism.default: 3\n");
        assertThat(EnvWatchJobMain.clusterParallelism(given("embedded", 4), jm)).isEmpty();
    }

    @Test
    void aClientsRunOrALocalRunIsLeftAlone() throws Exception {
        Map<String, String> jm = jobManagerWith("parallelism.default: 3\n");
        assertThat(EnvWatchJobMain.clusterParallelism(given("remote", 1), jm)).isEmpty();
        assertThat(EnvWatchJobMain.clusterParallelism(new Configuration(), jm)).isEmpty();
    }

    @Test
    void withoutTheClustersFolderOrADefaultAboveOneNothingChanges() throws Exception {
        assertThat(EnvWatchJobMain.clusterParallelism(given("embedded", 1), Map.of()))
                .isEmpty();
        Map<String, String> jm = jobManagerWith("rest.port: 8081\n");
        assertThat(EnvWatchJobMain.clusterParallelism(given("embedded", 1), jm)).isEqualTo(OptionalInt.empty());
    }
}
