package io.envwatch.alerting.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.DutyAlertPoint;
import io.envwatch.district.schema.ReadingPoint;
import io.envwatch.local.LocalInfluxd;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Writes what the stream job would have written, through the district schema's points (one
 * {@link DutyAlertPoint} per incident at its opening time, overwritten as it changes); the demo
 * test checks the same path with the real job.
 */
public final class JobIncidents {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private JobIncidents() {}

    /**
     * A Fenggang noise site's readings around an incident: {@code count} of them 20 s apart from half
     * an hour before {@code opened}, swinging between 44 and 72 dB(A), as line protocol.
     */
    public static String[] noiseAround(String site, long opened, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new ReadingPoint(
                                site,
                                "noise",
                                "noise",
                                "fenggang",
                                58 + 14 * Math.sin(i / 12.0),
                                opened - 30 * 60_000L + i * 20_000L)
                        .toLine())
                .toArray(String[]::new);
    }

    /**
     * A Fenggang noise complaint as the job stores it once judged, placed in {@code village} (null:
     * in none), at {@code at} (epoch ms).
     */
    public static String complaint(
            String id, String village, String channel, boolean corroborated, boolean escalated, long at) {
        return new ComplaintPoint(
                        "noise",
                        "fenggang",
                        channel,
                        null,
                        escalated,
                        id,
                        22.74,
                        114.14,
                        "",
                        "",
                        "",
                        at,
                        corroborated ? "corroborated" : "not-corroborated",
                        corroborated,
                        "seeded",
                        List.of(),
                        List.of(),
                        village,
                        at)
                .toLine();
    }

    public static String id(String site, String kind, long opened) {
        return site + ":" + kind + ":" + opened;
    }

    public static String line(
            String site,
            String town,
            String team,
            String kind,
            boolean open,
            double peak,
            String severity,
            long opened,
            String complaints) {
        return new DutyAlertPoint(
                        site,
                        kind,
                        town,
                        team,
                        id(site, kind, opened),
                        open ? "open" : "cleared",
                        "noise",
                        peak,
                        peak,
                        55.0,
                        "night",
                        opened,
                        severity,
                        List.of("FG-B01@40.5", "FG-B02@120.0"),
                        complaints.isEmpty() ? List.of() : List.of(complaints.split(",")),
                        opened)
                .toLine();
    }

    /** Line protocol from the schema's points (nanosecond timestamps). */
    public static void write(LocalInfluxd influxd, String database, String... lines) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(influxd.url() + "/write?db=" + database + "&precision=ns"))
                        .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }
}
