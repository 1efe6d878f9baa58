package io.envwatch.district.registry;

import java.io.Serializable;
import java.util.List;

/** A river with its stations listed upstream first; {@code assessmentSection} is the national one. */
public record River(String id, String name, List<RiverStation> stations, String assessmentSection)
        implements Serializable {}
