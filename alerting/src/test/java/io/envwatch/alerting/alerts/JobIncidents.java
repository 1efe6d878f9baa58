package io.envwatch.alerting.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.local.LocalInfluxd;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Writes incidents into {@code duty_alert} exactly as the stream job's InfluxSchema.dutyAlert does
 * (one point per incident at its opening time, overwritten as it changes); the demo test checks
 * the same path with the real job.
 */
public final class JobIncidents {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private JobIncidents() {}

    public static String id(String site, String kind, long opened) {
        return site + ":" + kind + ":" + opened;
    }

    public static String line(String site, String town, String team, String kind, boolean open, double peak,
            String severity, long opened, String complaints) {
        return "duty_alert,kind=" + kind + ",site=" + site + ",team=" + team + ",town=" + town
                + " id=\"" + id(site, kind, opened) + "\",state=\"" + (open ? "open" : "cleared") + "\",quantity=\"noise\""
                + ",value=" + peak + ",peak=" + peak + ",limit=55.0,period=\"night\",updated_at=" + opened + "i"
                + ",severity=\"" + severity + "\",buildings=\"FG-B01@40.5,FG-B02@120.0\",complaints=\"" + complaints + "\" "
                + opened;
    }

    public static void write(LocalInfluxd influxd, String database, String... lines) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(influxd.url() + "/write?db=" + database
                        + "&precision=ms")).POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }
}
