package io.envwatch.district.registry;

import java.io.Serializable;
import java.util.List;

/**
 * A village or community (村/社区) of a town: the place whose leader answers for the problems in it
 * (属地). Its area is an {@code outline} of [lat, lon] corners, or a {@code centre} [lat, lon] and a
 * {@code radius} in metres where no outline is drawn.
 */
public record Village(
        String id, String name, String town, List<List<Double>> outline, List<Double> centre, Double radius)
        implements Serializable {

    /** Whether the point lies in the village. */
    public boolean contains(double lat, double lon) {
        if (outline != null && outline.size() >= 3) {
            return LocalPlane.containsOrigin(LocalPlane.around(lat, lon, outline));
        }
        return centre != null && radius != null && LocalPlane.metres(lat, lon, centre.get(0), centre.get(1)) <= radius;
    }
}
