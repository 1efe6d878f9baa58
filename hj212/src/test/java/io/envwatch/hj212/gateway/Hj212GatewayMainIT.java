package io.envwatch.hj212.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.DataFlag;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.hj212.loggers.SimulatedLogger;
import io.envwatch.hj212.loggers.SimulatedLogger.Value;
import io.envwatch.local.LocalMosquitto;
import io.envwatch.local.LocalProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway as its own process, as the compose stack and an operator run it. */
class Hj212GatewayMainIT {
    @TempDir
    Path dir;

    private Process start(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Hj212GatewayMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private String output() throws Exception {
        return Files.readString(dir.resolve("out.log"), StandardCharsets.UTF_8);
    }

    @Test
    void aLoggersPasswordVariableUnsetStopsTheStartNamingIt() throws Exception {
        Path registry = dir.resolve("district.yaml");
        Files.writeString(
                registry,
                RegistryLoader.sampleText().replace("password: fgn02pw", "passwordEnv: ENVWATCH_HJ212_FE_N02"));
        Process p = start(
                Map.of(),
                "--registry",
                registry.toString(),
                "--data",
                dir.resolve("data").toString());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(output())
                .contains("HJ 212 gateway: cannot start: the password of logger 4419FG0000N02HJ212 is to be in the"
                        + " environment variable ENVWATCH_HJ212_FE_N02, which is not set");
    }

    @Test
    void itTakesALoggerAndStopsCleanlyKeepingItsSpool() throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.start()) {
            Path registry = dir.resolve("district.yaml");
            Files.writeString(
                    registry,
                    RegistryLoader.sampleText().replace("password: fgn02pw", "passwordEnv: ENVWATCH_HJ212_FE_N02"));
            int port = LocalProcess.freePort();
            Process p = start(
                    Map.of("ENVWATCH_HJ212_FE_N02", "s3cret", "ENVWATCH_MQTT_URL", broker.url()),
                    "--registry",
                    registry.toString(),
                    "--port",
                    String.valueOf(port),
                    "--host",
                    "127.0.0.1",
                    "--data",
                    dir.resolve("data").toString());
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!output().contains("HJ 212 gateway: listening on 127.0.0.1:" + port)) {
                    assertThat(p.isAlive()).as(output()).isTrue();
                    assertThat(System.nanoTime())
                            .as("listening within a minute")
                            .isLessThan(deadline);
                    Thread.sleep(100);
                }
                try (SimulatedLogger logger = new SimulatedLogger(
                        RegistryLoader.sample().logger("4419FG0000N02HJ212").orElseThrow(),
                        "s3cret",
                        RegistryLoader.sample().localTime().zoneId())) {
                    logger.connect("127.0.0.1", port);
                    assertThat(logger.sendRealtime(
                                    System.currentTimeMillis() - 60_000, 10_000, new Value("LA", 50, DataFlag.N)))
                            .isTrue();
                }
            } finally {
                p.destroy(); // SIGTERM, as docker stop
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(output()).contains("HJ 212 gateway: stopped;").contains("1 readings");
            assertThat(dir.resolve("data/spool")).isDirectory();
            assertThat(dir.resolve("data/last-data.properties")).exists();
        }
    }
}
