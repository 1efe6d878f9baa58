package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

/** A site's status on the map, one point per change: {@code last()} is the current one. */
public record SiteStatusPoint(
        String site,
        String town,
        String name,
        double lat,
        double lon,
        long openAlerts,
        long severityRank,
        String status,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "site_status",
            Measurement.Writer.DUTY_SERVICE,
            "a site's status on the map",
            "the change",
            Precision.MS,
            Retention.DAYS);
    public static final Column SITE = MEASUREMENT.tag("site", "registry site id");
    public static final Column TOWN = MEASUREMENT.tag("town", "the site's town");
    public static final Column NAME = MEASUREMENT.text("name", "the site's name");
    public static final Column LAT = MEASUREMENT.field("lat", FLOAT, "degrees", "");
    public static final Column LON = MEASUREMENT.field("lon", FLOAT, "degrees", "");
    public static final Column OPEN_ALERTS = MEASUREMENT.field("open_alerts", INTEGER, "", "alerts being worked");
    public static final Column SEVERITY_RANK =
            MEASUREMENT.field("severity_rank", INTEGER, "", "0 when no alert is open");
    public static final Column STATUS = MEASUREMENT.text("status", "ok or the worst severity");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .tag(SITE, site)
                .tag(TOWN, town)
                .field(NAME, name)
                .field(LAT, lat)
                .field(LON, lon)
                .field(OPEN_ALERTS, openAlerts)
                .field(SEVERITY_RANK, severityRank)
                .field(STATUS, status)
                .toLine();
    }
}
