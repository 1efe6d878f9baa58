package io.envwatch.alerting.notifications;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Local stand-ins for the providers the people's channels post to (robots, an SMS gateway): each
 * path answers a fixed JSON body with 200 and every request is kept, in order, as it arrived.
 */
public final class ProviderStub implements AutoCloseable {
    public record Received(String path, String query, String body) {}

    private final HttpServer server;
    public final List<Received> received = new CopyOnWriteArrayList<>();

    /** @param answers the JSON each path answers */
    public ProviderStub(Map<String, String> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answers.forEach((path, answer) -> server.createContext(path, ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Received(
                    ex.getRequestURI().getPath(),
                    ex.getRequestURI().getRawQuery(),
                    new String(body, StandardCharsets.UTF_8)));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        }));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static void eventually(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
