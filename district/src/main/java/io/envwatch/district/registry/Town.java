package io.envwatch.district.registry;

import java.io.Serializable;
import java.util.List;

/** A town of the district; {@code outline} (optional) is its boundary as [lat, lon] corners, for maps. */
public record Town(String id, String name, List<List<Double>> outline) implements Serializable {}
