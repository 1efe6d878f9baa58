package io.envwatch.district.limits;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.registry.RiverStation;
import io.envwatch.district.registry.Site;
import io.envwatch.district.registry.WaterClass;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The limit that applies to a site: its own override from the registry if it has one, else the
 * shipped table for its zone or class. The one place a rule asks "what is the limit here".
 */
public final class SiteLimits implements Serializable {
    private static final long serialVersionUID = 1L;
    private final RegulatoryDefaults table;

    public SiteLimits(RegulatoryDefaults table) {
        this.table = table;
    }

    /** LAeq limit for the local period; 10 dB lower for indoor points unless the site overrides it. */
    public double noise(Site site, boolean night) {
        Double override = site.limitOverrides().get(night ? "noise.night" : "noise.day");
        if (override != null) {
            return override;
        }
        RegulatoryDefaults.DayNight zone =
                table.noise().zones().get(site.noiseZone().wireName());
        double limit = night ? zone.night() : zone.day();
        return site.isIndoor() ? limit - table.noise().indoorReduction() : limit;
    }

    /** The highest single reading allowed at night: frequent-noise margin at boundaries, sudden elsewhere. */
    public double nightMaximum(Site site) {
        RegulatoryDefaults.NightMaximum over = table.noise().nightMaximumOver();
        return noise(site, true) + (site.isBoundary() ? over.frequentAtBoundary() : over.sudden());
    }

    /** GB 14554 boundary limit of an odour quantity for the site's class column, or empty if none. */
    public OptionalDouble concentration(Site site, Quantity quantity) {
        Double override = site.limitOverrides().get(quantity.wireName());
        if (override != null) {
            return OptionalDouble.of(override);
        }
        Map<String, Double> row = table.odour().get(quantity.wireName());
        if (row == null || site.odourClass() == null) {
            return OptionalDouble.empty();
        }
        Double limit = row.get(site.odourClass().wireName());
        return limit == null ? OptionalDouble.empty() : OptionalDouble.of(limit);
    }

    /** The class of a TP concentration: the first class whose upper bound it does not exceed. */
    public WaterClass classifyPhosphorus(double tp, boolean lake) {
        List<Double> bounds =
                lake ? table.phosphorus().lake() : table.phosphorus().river();
        for (int i = 0; i < bounds.size(); i++) {
            if (tp <= bounds.get(i)) {
                return WaterClass.values()[i];
            }
        }
        return WaterClass.WORSE_THAN_V;
    }

    /** The TP a station may not exceed: its target class's upper bound, or the site's override. */
    public double phosphorusLimit(Site site, RiverStation station) {
        Double override = site.limitOverrides().get(Quantity.TP.wireName());
        if (override != null) {
            return override;
        }
        List<Double> bounds = station.isLake()
                ? table.phosphorus().lake()
                : table.phosphorus().river();
        return bounds.get(station.targetClass().ordinal());
    }
}
