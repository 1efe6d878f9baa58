package io.envwatch.ingest.simulator;

import io.envwatch.district.CommandLine;
import io.envwatch.district.registry.DataLogger;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Command line: {@code --broker tcp://host:1883 [--registry file.yaml] [--gateways N]
 * [--interval-ms 1000] [--no-scenarios] [--duration-s S] [--username U --password P] [--hj212 host:port]}.
 * With {@code --hj212}, the registry's data loggers are played over HJ 212 to the gateway at that
 * address ({@link LoggerFleet}) and the native gateways leave their sites out. Runs until Ctrl-C or
 * the duration ends.
 */
public final class SimulatorMain {
    private SimulatorMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = CommandLine.flags(args);
        Registry registry = RegistryLoader.loadOrSample(flags.get("registry"));
        GatewaySimulator simulator = new GatewaySimulator(
                registry,
                flags.getOrDefault("broker", "tcp://127.0.0.1:1883"),
                Integer.parseInt(flags.getOrDefault("gateways", String.valueOf(Integer.MAX_VALUE))),
                Duration.ofMillis(Long.parseLong(flags.getOrDefault("interval-ms", "1000"))),
                flags.containsKey("no-scenarios") ? List.of() : GatewaySimulator.sampleScenarios(),
                System::currentTimeMillis,
                Long.parseLong(flags.getOrDefault("seed", "42")));
        if (flags.containsKey("username")) {
            simulator.withCredentials(flags.get("username"), flags.get("password"));
        }
        LoggerFleet fleet = null;
        if (flags.containsKey("hj212")) {
            // The loggers' sites are theirs: the native gateways leave them out.
            simulator.without(registry.loggers().stream().map(DataLogger::site).collect(Collectors.toSet()));
            String[] at = flags.get("hj212").split(":");
            fleet = new LoggerFleet(
                    registry,
                    simulator,
                    at[0],
                    Integer.parseInt(at[1]),
                    Duration.ofMillis(Long.parseLong(flags.getOrDefault("interval-ms", "1000"))),
                    System::currentTimeMillis,
                    System::getenv);
        }
        LoggerFleet loggers = fleet;
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            if (loggers != null) {
                loggers.close();
            }
            stop.countDown();
        }));
        simulator.start();
        if (loggers != null) {
            loggers.start();
        }
        if (flags.containsKey("duration-s")) {
            Thread.sleep(Long.parseLong(flags.get("duration-s")) * 1000);
            simulator.close();
        } else {
            stop.await();
        }
    }
}
