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
            new Script(20, "noise", "FE-N91", "金属厂又在敲打打磨，吵得睡不着", "李先生，139 0000 0001"),
            new Script(30, "odour", "TA-O03", "整条街都是臭鸡蛋味", null),
            new Script(40, "noise", "CH-N90", "广场附近音乐声很大", null),
            new Script(50, "other", "QI-N90", "每天早上车上都是灰", null),
            new Script(60, "noise", "FE-N91", "工厂还在吵，今晚第二次了", null),
            new Script(70, "noise", "FE-N91", "又是那家工厂，我们楼第三次投诉", null));

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
        String body = "{\"class\":\"hidden-discharge-pipe\",\"town\":\"" + TIP_TOWN + "\",\"text\":\"河边电镀厂后面有根暗管，"
                + "半夜以后往河里排水\"}";
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
