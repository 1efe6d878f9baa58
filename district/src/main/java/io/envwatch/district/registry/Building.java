package io.envwatch.district.registry;

import java.io.Serializable;
import java.util.List;

/** A residential (noise- and odour-sensitive) building; footprint is a list of [lat, lon] corners. */
public record Building(String id, String name, String town, double lat, double lon, List<List<Double>> footprint)
        implements Serializable {}
