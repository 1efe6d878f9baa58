package io.envwatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private Mosquitto broker on loopback, configured the way EnvWatch needs a broker: a large
 * in-flight window (the source holds its acknowledgements until a checkpoint completes, and
 * Mosquitto's default of 20 in-flight messages would throttle it to 20 messages per checkpoint)
 * and a deep queue for persistent sessions while a job restarts.
 */
public final class LocalMosquitto extends LocalProcess {
    /** As the production broker: how often, at most, Mosquitto writes its in-memory state to disk. */
    public static final int AUTOSAVE_SECONDS = 5;

    /** As the production broker: the largest packet it takes; larger ones cost the sender its connection. */
    public static final int MAX_PACKET_BYTES = 16 * 1024 * 1024;

    private final int port;
    /** Where this process reaches the broker: loopback, or an address of its network namespace. */
    private final String host;

    private LocalMosquitto(String host) {
        super("mosquitto");
        this.port = freePort();
        this.host = host;
    }

    @Override
    protected String host() {
        return host;
    }

    public static boolean isInstalled() {
        return findBinary("mosquitto") != null;
    }

    public static LocalMosquitto start() {
        return start(List.of("allow_anonymous true"));
    }

    /**
     * With extra configuration lines, for instance {@code password_file} and {@code acl_file} to run
     * the production broker's access rules.
     */
    public static LocalMosquitto start(List<String> extraConfig) {
        return start(extraConfig, false);
    }

    /**
     * With persistence on, as the production broker runs (infra/mosquitto/mosquitto.conf): sessions,
     * subscriptions and queued messages saved on a clean shutdown and every few seconds, so that a
     * restart ({@link #stop}, {@link #startAgain}) keeps them.
     */
    public static LocalMosquitto startPersistent(List<String> extraConfig) {
        return start(extraConfig, true);
    }

    /**
     * Inside a network namespace (run as root), listening on all of its addresses; this process
     * reaches it at {@code host}, an address of the namespace behind a veth pair. Taking that pair's
     * link down cuts the connections through it for real, while clients on other paths stay.
     */
    public static LocalMosquitto startInNamespace(String namespace, String host, List<String> extraConfig) {
        return onFreePorts(() -> start(extraConfig, false, namespace, host));
    }

    private static LocalMosquitto start(List<String> extraConfig, boolean persistent) {
        return onFreePorts(() -> start(extraConfig, persistent, null, "127.0.0.1"));
    }

    private static LocalMosquitto start(List<String> extraConfig, boolean persistent, String namespace, String host) {
        Path binary = findBinary("mosquitto");
        if (binary == null) {
            throw new IllegalStateException("mosquitto is not installed (Debian: apt-get install -y mosquitto)");
        }
        LocalMosquitto broker = new LocalMosquitto(host);
        Path conf = broker.dir.resolve("mosquitto.conf");
        String config = String.join(
                "\n",
                namespace == null ? "listener " + broker.port + " 127.0.0.1" : "listener " + broker.port,
                persistent
                        ? "persistence true\npersistence_location " + broker.dir + "/\nautosave_interval "
                                + AUTOSAVE_SECONDS
                        : "persistence false",
                "max_inflight_messages 65535",
                "max_queued_messages 1000000",
                extraConfig.stream().anyMatch(l -> l.startsWith("max_packet_size"))
                        ? ""
                        : "max_packet_size " + MAX_PACKET_BYTES,
                "max_inflight_bytes 268435456",
                // A file, not stdout: Mosquitto flushes it line by line, so a log survives a kill -9.
                "log_dest file " + broker.dir.resolve("mosquitto.log"),
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                // Mosquitto drops root privileges to user 'mosquitto' unless told otherwise; as root in
                // CI it then cannot read its own temporary folder.
                "user " + System.getProperty("user.name"),
                String.join("\n", extraConfig),
                "");
        try {
            Files.writeString(conf, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = namespace == null
                ? List.of(binary.toString(), "-c", conf.toString())
                : List.of("ip", "netns", "exec", namespace, binary.toString(), "-c", conf.toString());
        broker.start(command, broker.port, Duration.ofSeconds(20));
        return broker;
    }

    /** What the broker logged, across restarts, with its stdout. */
    @Override
    public String log() {
        try {
            Path file = dir.resolve("mosquitto.log");
            return super.log() + (Files.exists(file) ? Files.readString(file) : "");
        } catch (IOException e) {
            return super.log() + "(mosquitto.log unreadable: " + e.getMessage() + ")";
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://" + host + ":" + port;
    }
}
