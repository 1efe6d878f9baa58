package io.envwatch.alerting.api;

import static io.envwatch.alerting.console.HeadlessChromium.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.alerting.console.HeadlessChromium;
import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalMosquitto;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A page of another site tries to file tips and complaints through its visitors' browsers: simple
 * no-cors fetches (text/plain, no preflight), a JSON fetch (which needs a preflight) and a form
 * posted as text/plain into a hidden frame. Nothing it sends is filed. Skips where no Chromium is
 * installed; the same refusals are checked without a browser too.
 */
@Tag("security")
class CrossSiteIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anotherSitesPageFilesNothingThroughItsVisitors() throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.start();
                LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("crosssite");
            List<String> published = new CopyOnWriteArrayList<>();
            MqttClient job = new MqttClient(broker.url(), "job-standin", new MemoryPersistence());
            job.connect(new MqttConnectionOptions());
            job.subscribe(
                    new MqttSubscription[] {new MqttSubscription(ComplaintCodec.TOPIC_PREFIX + "+", 1)},
                    new IMqttMessageListener[] {
                        (t, m) -> published.add(new String(m.getPayload(), StandardCharsets.UTF_8))
                    });
            try (DutyService duty = DutyServices.on(influxd, "crosssite")
                    .complaints(ComplaintPublisher.connect(broker.url(), "duty-crosssite", null, null))
                    .start()) {
                String target = "http://127.0.0.1:" + duty.port();
                String tip =
                        "{\"class\":\"hidden-discharge-pipe\",\"town\":\"fenggang\",\"text\":\"filed by another site\"}";
                String complaint = "{\"category\":\"odour\",\"observedAt\":\""
                        + OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(5)
                        + "\",\"description\":\"filed by another site\","
                        + "\"location\":{\"lat\":22.8093,\"lon\":114.0941}}";

                // Without a browser: what a script could send by hand.
                int plain = post(target + "/api/v1/tips", "text/plain", null, tip);
                int foreign = post(target + "/api/v1/tips", "application/json", "http://evil.example", tip);
                int foreignSite = post(
                        target + "/api/v1/complaints",
                        "application/json",
                        null,
                        complaint,
                        "Sec-Fetch-Site",
                        "cross-site");
                int bodiless = HTTP.send(
                                HttpRequest.newBuilder(URI.create(target + "/api/v1/alerts/A-1/ack"))
                                        .header("Authorization", "Bearer " + DutyServices.DUTY_OFFICER)
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode();
                assertThat(List.of(plain, foreign, foreignSite, bodiless))
                        .as("text/plain, foreign Origin, cross-site, " + "a signed-in step with no body")
                        .containsExactly(415, 403, 403, 404);

                if (HeadlessChromium.installed()) {
                    HttpServer evil = evilSite(target, tip, complaint);
                    ChromeDriver browser = HeadlessChromium.start();
                    try {
                        browser.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
                        waitFor(
                                "the other site's page to try everything",
                                Duration.ofSeconds(20),
                                () -> browser.getTitle().startsWith("done"));
                        System.out.printf(
                                "attack: a page of another origin tried no-cors text/plain fetches, a JSON fetch "
                                        + "and a text/plain form post of a tip and a complaint from a visitor's browser -> %s%n",
                                browser.getTitle());
                    } finally {
                        browser.quit();
                        evil.stop(0);
                    }
                } else {
                    System.out.println("attack: cross-site page not tried in a browser (Chromium is not installed)");
                }
                Thread.sleep(500);
                assertThat(new Api(duty).list("/api/v1/tips", DutyServices.DUTY_OFFICER))
                        .as("tips filed")
                        .isEmpty();
                assertThat(published).as("complaints handed to the job").isEmpty();
                assertThat(post(target + "/api/v1/tips", "application/json", target, tip))
                        .as("the service's own page")
                        .isEqualTo(201);
            } finally {
                job.disconnect();
            }
        }
    }

    private static int post(String url, String type, String origin, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The attacker's page, on another port of the loopback: another origin. */
    private static HttpServer evilSite(String target, String tip, String complaint) throws Exception {
        String page = """
                <!doctype html><html><head><title>loading</title></head><body>
                <iframe name="sink" style="display:none"></iframe>
                <form id="form" method="POST" enctype="text/plain" target="sink" action="%1$s/api/v1/tips">
                  <input name='{"class":"hidden-discharge-pipe","town":"fenggang","text":"form","x":"' value='"}'>
                </form>
                <script>
                  const tip = %2$s;
                  const complaint = %3$s;
                  const tries = [
                    fetch('%1$s/api/v1/tips', {method: 'POST', mode: 'no-cors', body: JSON.stringify(tip)}),
                    fetch('%1$s/api/v1/tips', {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'},
                      body: JSON.stringify(tip)}),
                    fetch('%1$s/api/v1/complaints', {method: 'POST', mode: 'no-cors', body: JSON.stringify(complaint)}),
                    fetch('%1$s/api/v1/tips', {method: 'POST', headers: {'Content-Type': 'application/json'},
                      body: JSON.stringify(tip)}),
                  ].map(p => p.then(r => 'sent (' + r.type + ')', e => 'blocked by the browser'));
                  document.getElementById('form').submit();
                  Promise.all(tries).then(r => setTimeout(() => { document.title = 'done: ' + r.join(', ') + ', form posted'; }, 1500));
                </script></body></html>
                """.formatted(target, tip, complaint);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }
}
