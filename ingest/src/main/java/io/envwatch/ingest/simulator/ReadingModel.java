package io.envwatch.ingest.simulator;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.registry.LocalTimeRules;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RiverStation;
import io.envwatch.district.registry.Site;
import io.envwatch.district.registry.SiteKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plausible normal readings: noise follows the day (traffic peaks, quiet nights) a few dB under
 * the zone's limit; odour compounds sit well under the boundary limits; phosphorus rises from the
 * upstream boundary towards the assessment section and breathes with the day.
 */
final class ReadingModel {
    /** Share of a discharge's excess phosphorus still there one station further down. */
    static final double DILUTION_PER_REACH = 0.7;

    private final Registry registry;
    private final LocalTimeRules localTime;
    private final Random random;

    ReadingModel(Registry registry, long seed) {
        this.registry = registry;
        this.localTime = registry.localTime();
        this.random = new Random(seed);
    }

    List<Quantity> quantitiesOf(Site site) {
        List<Quantity> quantities = new ArrayList<>();
        if (site.measures(SiteKind.NOISE)) {
            quantities.add(Quantity.NOISE);
        }
        if (site.measures(SiteKind.ODOUR)) {
            quantities.add(Quantity.ODOUR);
            quantities.add(Quantity.H2S);
            quantities.add(Quantity.NH3);
        }
        if (site.measures(SiteKind.WATER)) {
            quantities.add(Quantity.TP);
        }
        return quantities;
    }

    double normal(Site site, Quantity quantity, long timestamp) {
        double hour = Instant.ofEpochMilli(timestamp)
                        .atZone(localTime.zoneId())
                        .toLocalTime()
                        .toSecondOfDay()
                / 3600.0;
        return switch (quantity) {
            case NOISE -> noise(site, timestamp, hour);
            case ODOUR -> Math.max(0, 6 + 2 * random.nextGaussian());
            case H2S -> Math.max(0, 0.008 + 0.003 * random.nextGaussian());
            case NH3 -> Math.max(0, 0.25 + 0.08 * random.nextGaussian());
            case TP -> phosphorus(site, hour);
            default -> 0;
        };
    }

    private double noise(Site site, long timestamp, double hour) {
        double limit = registry.limits().noise(site, localTime.isNight(timestamp));
        // Morning and evening traffic peaks, a trough before dawn.
        double pattern = 2.0 * Math.exp(-Math.pow(hour - 8.5, 2) / 2) + 2.0 * Math.exp(-Math.pow(hour - 18, 2) / 3);
        return Math.max(20, limit - 7 + pattern + 1.5 * random.nextGaussian());
    }

    private double phosphorus(Site site, double hour) {
        double base = phosphorusBase(stationIndex(site));
        return Math.max(0.005, base + 0.01 * Math.sin((hour - 14) / 24 * 2 * Math.PI) + 0.008 * random.nextGaussian());
    }

    /** The river's normal TP rises gently downstream, as tributaries and towns add their load. */
    private static double phosphorusBase(int stationIndex) {
        return 0.12 + 0.012 * stationIndex;
    }

    private int stationIndex(Site site) {
        List<RiverStation> stations = registry.river().orElseThrow().stations();
        for (int i = 0; i < stations.size(); i++) {
            if (stations.get(i).id().equals(site.riverStation())) {
                return i;
            }
        }
        throw new IllegalArgumentException(site.id() + " is on no station of the river");
    }

    /**
     * What phosphorus discharges upstream add at this station now: each one's excess over its own
     * station's normal level, arriving after the flow time between the stations and diluted by
     * {@link #DILUTION_PER_REACH} for every reach it travels.
     */
    double upstreamDischarges(Site site, long sinceStartMillis, List<Scenario> scenarios) {
        List<RiverStation> stations = registry.river().orElseThrow().stations();
        int here = stationIndex(site);
        double added = 0;
        for (Scenario scenario : scenarios) {
            if (scenario.quantity() != Quantity.TP) {
                continue;
            }
            int source = stationIndex(registry.site(scenario.site()).orElseThrow());
            if (source >= here) {
                continue;
            }
            long lagMinutes = 0;
            for (int k = source; k < here; k++) {
                Integer travel = stations.get(k).travelMinutesToNext();
                lagMinutes += travel == null ? 0 : travel;
            }
            if (scenario.activeAt(sinceStartMillis - lagMinutes * 60_000)) {
                added += (scenario.level() - phosphorusBase(source)) * Math.pow(DILUTION_PER_REACH, here - source);
            }
        }
        return added;
    }

    double jitter(Quantity quantity, double level) {
        double spread = quantity == Quantity.NOISE ? 1.0 : level * 0.05;
        return Math.max(0, level + spread * random.nextGaussian());
    }
}
