package io.envwatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server binary from the machine's PATH, run as a child process in a temporary folder of its own
 * on loopback, and stopped (folder removed) on close. The demo and the tests use it so that they
 * talk to the same real servers users run, without Docker.
 */
public abstract class LocalProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProcess.class);

    protected final Path dir;
    private Process process;
    private Thread shutdownHook;
    private List<String> command;
    private int port;
    private Duration timeout;

    protected LocalProcess(String name) {
        try {
            this.dir = Files.createTempDirectory("envwatch-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finds an executable on PATH or in the usual Debian locations, or null. */
    public static Path findBinary(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : (path + ":/usr/sbin:/usr/bin:/sbin").split(":")) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a server on ports picked free a moment before, again with other ones if one was
     * taken in between (up to five times): an outgoing connection of any process on the machine
     * can be given the same port first, as happened once in CI ("bind: address already in use").
     */
    protected static <T extends LocalProcess> T onFreePorts(java.util.function.Supplier<T> start) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.get();
            } catch (IllegalStateException e) {
                String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (attempt == 5 || !message.contains("address already in use")) {
                    throw e;
                }
                LOG.warn(
                        "a port picked for a local server was taken before it could listen; trying other ports ({})",
                        e.getMessage().lines().reduce((a, b) -> b).orElse(""));
            }
        }
    }

    protected void start(List<String> command, int port, Duration timeout) {
        this.command = List.copyOf(command);
        this.port = port;
        this.timeout = timeout;
        Path log = dir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stopProcess, "stop-" + command.get(0));
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String message = command.get(0) + " exited with " + process.exitValue() + " before listening on port "
                        + port + "; its log:\n" + readLog(log);
                close(); // nobody else will: the caller gets no server
                throw new IllegalStateException(message);
            }
            if (isListening(host(), port) && isReady()) {
                LOG.info(
                        "{} is up on {}:{} (pid {}, folder {})",
                        String.join(" ", command.subList(0, Math.min(5, command.size()))),
                        host(),
                        port,
                        process.pid(),
                        dir);
                return;
            }
            sleep(50);
        }
        stopProcess();
        throw new IllegalStateException(command.get(0) + " did not listen on port " + port + " within " + timeout
                + "; its log:\n" + readLog(log));
    }

    /**
     * Stops the server as an operator or a crash would: SIGTERM (a clean shutdown, which lets it
     * save its state) or SIGKILL (nothing saved since its last autosave). Its folder stays.
     */
    public void stop(boolean kill) {
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException(command.get(0) + " did not stop within 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts the server again, on the same port and folder, after {@link #stop}. */
    public void startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(command.get(0) + " is still running");
        }
        start(command, port, timeout);
    }

    /** A check beyond an open port, for servers that listen before they can serve. */
    protected boolean isReady() {
        return true;
    }

    public String log() {
        return readLog(dir.resolve("server.log"));
    }

    public long pid() {
        return process.pid();
    }

    /** The address the server is reached at from this process. */
    protected String host() {
        return "127.0.0.1";
    }

    private static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void stopProcess() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopProcess();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
        }
        deleteFolder(dir);
    }

    /** Removes a folder and everything in it, deepest first; what cannot be removed is logged, not thrown. */
    public static void deleteFolder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", dir, e.getMessage());
        }
    }
}
