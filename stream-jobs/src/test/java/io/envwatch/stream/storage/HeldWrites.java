package io.envwatch.stream.storage;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;

/**
 * In front of a real influxd: holds each write request (the n-th for {@code holdMillis(n)}, n from 1)
 * before passing it on, the way a slow network or a busy server does, or answers it 503 itself
 * when {@code refused(n)}, as an overloaded server does; and counts how many writes were in the
 * proxy at once.
 */
final class HeldWrites implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger inProxy = new AtomicInteger();
    /** For each write, by its number: how many writes were in the proxy when it arrived, itself included. */
    private final Map<Integer, Integer> atOnce = new ConcurrentHashMap<>();

    HeldWrites(String influxdUrl, IntToLongFunction holdMillis) throws IOException {
        this(influxdUrl, holdMillis, n -> false);
    }

    HeldWrites(String influxdUrl, IntToLongFunction holdMillis, IntPredicate refused) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean write = exchange.getRequestURI().getPath().equals("/write");
            int n = write ? writes.incrementAndGet() : 0;
            if (write) {
                atOnce.put(n, inProxy.incrementAndGet());
            }
            try {
                if (write) {
                    Thread.sleep(holdMillis.applyAsLong(n));
                    if (refused.test(n)) {
                        exchange.sendResponseHeaders(503, -1);
                        exchange.close();
                        return;
                    }
                }
                HttpResponse<byte[]> answer = client.send(
                        HttpRequest.newBuilder(URI.create(influxdUrl + exchange.getRequestURI()))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                exchange.sendResponseHeaders(
                        answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
            } finally {
                if (write) {
                    inProxy.decrementAndGet();
                }
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int writes() {
        return writes.get();
    }

    /** The most writes in flight at once from the {@code from}-th write (from 1) on. */
    int mostAtOnceFrom(int from) {
        return atOnce.entrySet().stream()
                .filter(e -> e.getKey() >= from)
                .mapToInt(Map.Entry::getValue)
                .max()
                .orElse(0);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
