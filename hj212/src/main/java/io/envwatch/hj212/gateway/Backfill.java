package io.envwatch.hj212.gateway;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each logger's live data last came, by its own clock ({@code DataTime}), and which period to
 * ask it for when its data come back after a silence: the gap between the last data before and the
 * first after, no further back than {@code horizon} (what the job can still count as late data).
 * Kept in a file so that a gateway restart in the middle of a logger's silence still asks for it.
 */
public final class Backfill {
    /** A period to ask a logger for, epoch ms, both ends exclusive of data already had. */
    public record Gap(long from, long to) {
        public Duration length() {
            return Duration.ofMillis(to - from);
        }
    }

    private final Path file;
    private final long after;
    private final long horizon;
    private final Map<String, Long> lastData = new ConcurrentHashMap<>();
    private volatile boolean dirty;

    /**
     * @param after silences longer than this are asked for
     * @param horizon how far back a request reaches at most
     */
    public Backfill(Path file, Duration after, Duration horizon) throws IOException {
        this.file = file;
        this.after = after.toMillis();
        this.horizon = horizon.toMillis();
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.forEach((mn, at) -> lastData.put((String) mn, Long.parseLong((String) at)));
        }
    }

    /**
     * Live data of {@code mn} at {@code dataTime} came: the gap before it to ask for, if the silence
     * was longer than the setting.
     */
    public synchronized Optional<Gap> live(String mn, long dataTime) {
        Long before = lastData.get(mn);
        if (before == null || dataTime > before) {
            lastData.put(mn, dataTime);
            dirty = true;
        }
        if (before == null || dataTime - before <= after) {
            return Optional.empty();
        }
        // The data at both ends are had: ask for what lies strictly between (DataTime is to the second).
        return Optional.of(new Gap(Math.max(before, dataTime - horizon) + 1_000, dataTime - 1_000));
    }

    /** When the logger's live data last came, if ever. */
    public Optional<Long> last(String mn) {
        return Optional.ofNullable(lastData.get(mn));
    }

    /** Writes the times down if they changed (atomically: a crash leaves the old file or the new). */
    public synchronized void save() throws IOException {
        if (!dirty) {
            return;
        }
        dirty = false;
        Properties p = new Properties();
        lastData.forEach((mn, at) -> p.setProperty(mn, Long.toString(at)));
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try (Writer w = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
            p.store(w, "the DataTime (epoch ms) of each logger's last live data");
        }
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
