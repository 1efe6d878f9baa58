package io.envwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The local influxd takes what a city's district writes to it. */
class LocalInfluxdIT {

    /**
     * A district of more than 100,000 sites: influxd 1.x refuses by default the 100,001st value of a
     * tag ("max-values-per-tag limit exceeded"), and the job's writes failed with 400 at the
     * benchmark's city shape (100,000 sensors and its probe site).
     */
    @Test
    void takesMoreThanAHundredThousandSites() throws Exception {
        assumeTrue(LocalInfluxd.isInstalled(), "influxd is not installed");
        int sites = 100_002;
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("city");
            // As the job writes: in batches, the limit counting the values stored before each.
            for (int from = 0; from < sites; from += 10_000) {
                StringBuilder lines = new StringBuilder();
                for (int i = from; i < Math.min(sites, from + 10_000); i++) {
                    lines.append("reading,site=S").append(i).append(" value=1 1796670000000\n");
                }
                HttpResponse<String> written = HTTP.send(
                        HttpRequest.newBuilder(URI.create(influxd.url() + "/write?db=city&precision=ms"))
                                .POST(HttpRequest.BodyPublishers.ofString(lines.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(written.statusCode()).as(written.body()).isEqualTo(204);
            }
            assertThat(influxd.query("city", "SELECT count(value) FROM reading"))
                    .contains("[0," + sites + "]");
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
}
