package io.envwatch.alerting.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 by hand from a chosen loopback address (127.x.y.z: Linux routes all of 127/8 to the
 * loopback device), so that a test can be many clients at once, and send what no well-behaved
 * client would: half a request, a body shorter than announced.
 */
public final class RawHttp {
    private RawHttp() {}

    /** A connection from {@code from} to the service, with the bytes written and nothing more. */
    public static Socket open(String from, int port, String bytes) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        if (!bytes.isEmpty()) {
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }
        return socket;
    }

    /** One whole request from {@code from}; the answer as text (status line, headers, body), read until the server closes. */
    public static String exchange(String from, int port, String method, String path, String headers, String body)
            throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = open(
                from,
                port,
                method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers
                        + "Content-Length: " + content.length + "\r\n\r\n" + body)) {
            socket.setSoTimeout(15_000);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The status code of an answer {@link #exchange} read. */
    public static int status(String answer) {
        return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
    }

    /**
     * What the server sent on this connection before it closed it, or null when it is still open
     * after {@code waitMs} (a read that times out).
     */
    public static String closedByServer(Socket socket, int waitMs) {
        try {
            socket.setSoTimeout(waitMs);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) != -1; ) {
                got.write(buffer, 0, n);
            }
            return got.toString(StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return "(reset: " + e.getMessage() + ")";
        }
    }
}
