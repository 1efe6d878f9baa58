package io.envwatch.district.registry;

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

    /** (east, north) in metres of a point relative to an origin. */
    public static double[] project(double originLat, double originLon, double lat, double lon) {
        double x = Math.toRadians(lon - originLon) * Math.cos(Math.toRadians((lat + originLat) / 2)) * EARTH_RADIUS_M;
        double y = Math.toRadians(lat - originLat) * EARTH_RADIUS_M;
        return new double[] {x, y};
    }
}
