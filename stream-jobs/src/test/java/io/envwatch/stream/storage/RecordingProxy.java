package io.envwatch.stream.storage;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Passes every request on to a real server unchanged and keeps the body of each write the server
 * accepted (2xx): the exact bytes a writer sent, for the parts of a point the server does not give
 * back (VictoriaMetrics stores no strings).
 */
final class RecordingProxy implements AutoCloseable {
    private static final Set<String> PASSED_HEADERS =
            Set.of("authorization", "content-type", "content-encoding", "accept");
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> accepted = new ArrayList<>();

    RecordingProxy(String target) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(
                            exchange.getRequestMethod(),
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (PASSED_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(v -> forward.header(name, v));
                }
            });
            int status;
            byte[] answer;
            try {
                HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                answer = response.body();
            } catch (IOException e) {
                status = 502;
                answer = e.toString().getBytes(StandardCharsets.UTF_8);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 503;
                answer = new byte[0];
            }
            if (status / 100 == 2 && exchange.getRequestURI().getPath().endsWith("/write")) {
                synchronized (accepted) {
                    accepted.add(new String(body, StandardCharsets.UTF_8));
                }
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every line of every accepted write, in the order the server accepted them. */
    List<String> acceptedLines() {
        synchronized (accepted) {
            return accepted.stream()
                    .flatMap(String::lines)
                    .filter(l -> !l.isBlank())
                    .toList();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
