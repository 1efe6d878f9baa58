package io.envwatch.alerting.api;

import io.envwatch.alerting.DutyService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The duty API as a client sees it: real HTTP, a bearer token or none. */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final DutyService service;
    private final String language;

    public Api(DutyService service) {
        this(service, "en");
    }

    /** A client whose caller reads {@code language} ({@code Accept-Language}). */
    public Api(DutyService service, String language) {
        this.language = language;
        this.service = service;
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> bytes(String path, String token) throws Exception {
        return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String path, String token, String body) throws Exception {
        return HTTP.send(
                request(path, token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonArray list(String path, String token) throws Exception {
        HttpResponse<String> response = get(path, token);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonArray(response.body());
    }

    public JsonObject object(String path, String token) throws Exception {
        HttpResponse<String> response = get(path, token);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }

    private HttpRequest.Builder request(String path, String token) {
        // The tests read the service's words in English; the district's own language is tested on its own.
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .header("Accept-Language", language);
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }
}
