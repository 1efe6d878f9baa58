package io.envwatch.district.registry;

import java.util.List;

/**
 * Distances inside one district, on a plane tangent to the earth at the points' mean latitude
 * (equirectangular). Over the few kilometres of a district it is within centimetres of the great
 * circle, and it is cheap enough for every reading and complaint.
 */
public final class LocalPlane {
    /** The mean earth radius (IUGG). */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    private LocalPlane() {}

    /** Metres between two points (latitude, longitude in degrees). */
    public static double metres(double lat1, double lon1, double lat2, double lon2) {
        double[] p = project(lat1, lon1, lat2, lon2);
        return Math.hypot(p[0], p[1]);
    }

    /** The corners of a [lat, lon] shape in metres, with the point (lat, lon) at the origin. */
    public static double[][] around(double lat, double lon, List<List<Double>> corners) {
        double[][] out = new double[corners.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = project(lat, lon, corners.get(i).get(0), corners.get(i).get(1));
        }
        return out;
    }

    /** Whether the origin lies inside a polygon of projected corners (ray casting). */
    public static boolean containsOrigin(double[][] polygon) {
        boolean inside = false;
        for (int i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
            double[] a = polygon[i];
            double[] b = polygon[j];
            if ((a[1] > 0) != (b[1] > 0) && 0 < (b[0] - a[0]) * (0 - a[1]) / (b[1] - a[1]) + a[0]) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** (east, north) in metres of a point relative to an origin. */
    public static double[] project(double originLat, double originLon, double lat, double lon) {
        double x = Math.toRadians(lon - originLon) * Math.cos(Math.toRadians((lat + originLat) / 2)) * EARTH_RADIUS_M;
        double y = Math.toRadians(lat - originLat) * EARTH_RADIUS_M;
        return new double[] {x, y};
    }
}
