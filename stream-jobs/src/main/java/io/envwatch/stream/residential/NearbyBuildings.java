package io.envwatch.stream.residential;

import io.envwatch.district.registry.Building;
import io.envwatch.district.registry.LocalPlane;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For each site, the residential buildings within the configured radius and how far they are:
 * to the footprint polygon when the registry gives one (zero inside it), else to the building's
 * point. Computed once when the job is built, never per record. Distances use a local flat
 * projection, accurate to well under a metre at the scale of a district.
 */
public final class NearbyBuildings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A building near a site. */
    public record Nearby(String buildingId, double metres) implements Serializable {}

    private final Map<String, List<Nearby>> bySite;

    private NearbyBuildings(Map<String, List<Nearby>> bySite) {
        this.bySite = bySite;
    }

    public static NearbyBuildings of(Registry registry) {
        double radius = registry.rules().proximity().radiusMetres();
        Map<String, List<Nearby>> bySite = new HashMap<>();
        for (Site site : registry.sites()) {
            List<Nearby> near = new ArrayList<>();
            for (Building building : registry.buildings()) {
                double d = distanceMetres(site.lat(), site.lon(), building);
                if (d <= radius) {
                    near.add(new Nearby(building.id(), Math.round(d * 10) / 10.0));
                }
            }
            near.sort(Comparator.comparingDouble(Nearby::metres));
            bySite.put(site.id(), List.copyOf(near));
        }
        return new NearbyBuildings(bySite);
    }

    public List<Nearby> of(String siteId) {
        return bySite.getOrDefault(siteId, List.of());
    }

    /** Metres between two points, on the same local flat projection. */
    static double distanceMetres(double lat, double lon, Building building) {
        List<List<Double>> footprint = building.footprint();
        if (footprint == null || footprint.size() < 3) {
            return LocalPlane.metres(lat, lon, building.lat(), building.lon());
        }
        // Work in metres with the site at the origin.
        int n = footprint.size();
        double[][] corners = LocalPlane.around(lat, lon, footprint);
        if (LocalPlane.containsOrigin(corners)) {
            return 0;
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            best = Math.min(best, distanceToSegment(corners[i], corners[(i + 1) % n]));
        }
        return best;
    }

    private static double distanceToSegment(double[] a, double[] b) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, -(a[0] * dx + a[1] * dy) / lengthSquared));
        return Math.hypot(a[0] + t * dx, a[1] + t * dy);
    }
}
