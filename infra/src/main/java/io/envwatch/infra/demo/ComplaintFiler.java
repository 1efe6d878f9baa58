package io.envwatch.infra.demo;

import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Citizens of the demo: they file complaints through the duty service's public API, as real ones
 * would, some about the scripted incidents and some about quiet places, so the demo shows
 * corroborated, contradicted and not corroborated complaints.
 */
final class ComplaintFiler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComplaintFiler.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Script(long afterSeconds, String category, String siteNearby, String description, String contact) {}

    private static final List<Script> SCRIPT = List.of(
            new Script(
                    20,
                    "noise",
                    "FE-N91",
                    "Banging and grinding from the metal works, cannot sleep",
                    "Mr Li, 139 0000 0001"),
            new Script(30, "odour", "TA-O03", "Rotten-egg smell along the street", null),
            new Script(40, "noise", "CH-N90", "Loud music somewhere near the square", null),
            new Script(50, "other", "QI-N90", "Dust on the cars every morning", null),
            new Script(60, "noise", "FE-N91", "Still the factory noise, second time tonight", null),
            new Script(70, "noise", "FE-N91", "The factory again, third complaint from our block", null));

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-complaints");
        t.setDaemon(true);
        return t;
    });

    ComplaintFiler(Registry registry, String dutyUrl) {
        ZoneId zone = registry.localTime().zoneId();
        for (Script s : SCRIPT) {
            Site site = registry.site(s.siteNearby()).orElse(null);
            if (site == null) {
                continue; // another registry: the demo's citizens only know the sample district
            }
            scheduler.schedule(() -> file(dutyUrl, zone, s, site), s.afterSeconds(), TimeUnit.SECONDS);
        }
        if (registry.town(TIP_TOWN).isPresent()) {
            scheduler.schedule(() -> tip(dutyUrl), 45, TimeUnit.SECONDS);
        }
    }

    private static final String TIP_TOWN = "fenggang";

    /**
     * One rewarded tip through the public intake. The claim code is logged because this is a demo
     * citizen; a real tipster's code is shown to them once and kept nowhere.
     */
    private static void tip(String dutyUrl) {
        String body = "{\"class\":\"hidden-discharge-pipe\",\"town\":\"" + TIP_TOWN + "\",\"text\":\"A pipe behind "
                + "the plating shop by the river discharges after midnight\"}";
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(dutyUrl + "/api/v1/tips"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            LOG.info(
                    "demo citizen filed a rewarded tip: HTTP {}; follow it with curl -H 'X-Claim-Code: <code>' "
                            + "{}/api/v1/tips/status ({})",
                    response.statusCode(),
                    dutyUrl,
                    response.body());
        } catch (Exception e) {
            LOG.warn("demo tip not filed: {}", e.getMessage());
        }
    }

    private static void file(String dutyUrl, ZoneId zone, Script s, Site site) {
        String observed = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                Instant.now().minusSeconds(20).atZone(zone));
        String body = "{\"category\":\"" + s.category() + "\",\"channel\":\"web\",\"observedAt\":\"" + observed
                + "\",\"description\":\"" + s.description() + "\",\"location\":{\"lat\":" + site.lat() + ",\"lon\":"
                + site.lon()
                + "}" + (s.contact() == null ? "" : ",\"contact\":\"" + s.contact() + "\"") + "}";
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(dutyUrl + "/api/v1/complaints"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            LOG.info(
                    "demo citizen filed a {} complaint near {}: HTTP {}",
                    s.category(),
                    site.id(),
                    response.statusCode());
        } catch (Exception e) {
            LOG.warn("demo complaint not filed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
