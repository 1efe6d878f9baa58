package io.envwatch.alerting;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP proxy on the loopback that holds every chunk a client sends for a while before passing it
 * on: an InfluxDB across a slow link, for real, with the real server behind it.
 */
final class SlowProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int delayMs;

    SlowProxy(int targetPort, int delayMs) throws IOException {
        this.delayMs = delayMs;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try {
                            Socket client = server.accept();
                            Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                            pump(client, target, true);
                            pump(target, client, false);
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "slow-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void pump(Socket from, Socket to, boolean slow) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[65536];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n; (n = in.read(buffer)) != -1; ) {
                            if (slow) {
                                Thread.sleep(delayMs);
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // one side went away
                    } finally {
                        try {
                            from.close();
                            to.close();
                        } catch (IOException ignored) {
                            // closed already
                        }
                    }
                },
                "slow-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
