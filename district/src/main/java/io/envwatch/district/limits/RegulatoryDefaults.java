package io.envwatch.district.limits;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** The shipped limits table (limits/regulatory-defaults.yaml), as loaded. */
public record RegulatoryDefaults(Noise noise, Map<String, Map<String, Double>> odour, Phosphorus phosphorus)
        implements Serializable {

    public record Noise(Map<String, DayNight> zones, NightMaximum nightMaximumOver, double indoorReduction)
            implements Serializable {}

    public record DayNight(double day, double night) implements Serializable {}

    public record NightMaximum(double sudden, double frequentAtBoundary) implements Serializable {}

    /** Upper bounds of classes I..V, in that order. */
    public record Phosphorus(List<Double> river, List<Double> lake) implements Serializable {}
}
