package io.envwatch.ingest.simulator;

import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code --broker tcp://host:1883 [--registry file.yaml] [--gateways N]
 * [--interval-ms 1000] [--no-scenarios] [--duration-s S] [--username U --password P]}. Runs until Ctrl-C or the duration ends.
 */
public final class SimulatorMain {
    private SimulatorMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = flags(args);
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
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stop.countDown();
        }));
        simulator.start();
        if (flags.containsKey("duration-s")) {
            Thread.sleep(Long.parseLong(flags.get("duration-s")) * 1000);
            simulator.close();
        } else {
            stop.await();
        }
    }

    static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            flags.put(name, hasValue ? args[++i] : "true");
        }
        return flags;
    }
}
