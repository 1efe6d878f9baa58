package io.envwatch.infra.bench;

import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;

/**
 * A district of any size for benchmarks: noise sensors spread over gateways in one town, each on a
 * factory boundary in zone 3, judged on the shipped LAeq intervals (1 min, 20 min, 1 h) as a city's
 * are; plus a latency probe (noise) and an alert probe, an odour site whose 2-s interval (the only
 * odour site, so the only one that pays for it) brings its alert within seconds. Built as registry
 * YAML so it goes through the same loader and validation as a real one.
 */
final class SyntheticDistrict {
    static final String ALERT_PROBE = "PROBE-ALERT";
    static final String LATENCY_PROBE = "PROBE-LATENCY";
    static final String PROBE_GATEWAY = "gw-probe";

    private SyntheticDistrict() {}

    static String sensor(int i) {
        return "S" + i;
    }

    static String gateway(int g) {
        return "gw-" + g;
    }

    static Registry registry(int sensors, int gateways) {
        return RegistryLoader.parse("synthetic district of " + sensors + " sensors", yaml(sensors, gateways));
    }

    /** The district as registry YAML, for the job's ENVWATCH_REGISTRY. */
    static String yaml(int sensors, int gateways) {
        StringBuilder y = new StringBuilder(sensors * 200);
        y.append("towns: [{id: bench, name: Bench}]\n");
        y.append("teams: [{id: team-bench, name: Bench team, towns: [bench]}]\n");
        // A short odour interval for the alert probe alone, so publish-to-alert latency can be
        // measured in seconds; the noise sensors keep the shipped intervals.
        y.append("rules:\n  outOfOrderness: PT1S\n  odour:\n    interval: PT2S\n    openAfter: 1\n");
        y.append("sites:\n");
        for (int i = 0; i < sensors; i++) {
            site(y, sensor(i), gateway(i % gateways), 22.8 + (i % 1000) * 0.0001, 114.0 + (i / 1000) * 0.0001, NOISE);
        }
        site(y, ALERT_PROBE, PROBE_GATEWAY, 22.9, 114.1, "kinds: [odour], odourClass: 2-existing");
        site(y, LATENCY_PROBE, PROBE_GATEWAY, 22.9, 114.1001, NOISE);
        return y.toString();
    }

    private static final String NOISE = "kinds: [noise], noiseZone: \"3\", boundary: true";

    private static void site(StringBuilder y, String id, String gateway, double lat, double lon, String kind) {
        y.append("  - {id: ")
                .append(id)
                .append(", name: ")
                .append(id)
                .append(", lat: ")
                .append(String.format("%.5f", lat))
                .append(", lon: ")
                .append(String.format("%.5f", lon))
                .append(", town: bench, team: team-bench, gateway: ")
                .append(gateway)
                .append(", ")
                .append(kind)
                .append("}\n");
    }
}
