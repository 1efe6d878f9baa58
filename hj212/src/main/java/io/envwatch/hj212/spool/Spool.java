package io.envwatch.hj212.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * What the gateway told a data logger it has, kept on disk until the broker has it: each message is
 * appended (length, CRC-32, bytes) and forced to disk before the logger hears "received", and
 * forgotten once the broker acknowledged it and every message before it. After a crash the
 * messages not yet acknowledged are there to send again, a record torn by the crash is cut off,
 * and the disk it may use is bounded: past {@code maxBytes} an append is refused, and the gateway
 * does not acknowledge the logger, which keeps the data and sends it again later (the standard's
 * loggers hold days of it).
 *
 * <p>Segment files {@code <first sequence>.spool} roll over at {@code segmentBytes}; a segment all
 * of whose messages were acknowledged is deleted. {@code acknowledged} holds the sequence below
 * which everything was acknowledged.
 */
public final class Spool implements AutoCloseable {
    private static final int HEADER = 8;

    private final Path folder;
    private final long maxBytes;
    private final long segmentBytes;
    /** Segments by their first sequence. */
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    /** Messages not yet acknowledged, by sequence (their bytes). */
    private final TreeMap<Long, byte[]> pending = new TreeMap<>();
    /** Acknowledged ahead of an earlier one still in flight. */
    private final TreeSet<Long> ackedAhead = new TreeSet<>();

    private long next;
    private long acknowledged;
    private long bytes;
    private FileChannel current;
    private long currentFirst;

    /** A message refused because the spool is full: the logger must not be told it was received. */
    public static final class Full extends IOException {
        Full(long bytes, long max) {
            super("the spool holds " + bytes + " bytes of its " + max + ": the broker has not taken them yet");
        }
    }

    /** A message waiting for the broker, with its place in the spool. */
    public record Entry(long sequence, byte[] payload) {}

    /** Opens (or creates) the spool in {@code folder}, reading back what a previous run left. */
    public static Spool open(Path folder, long maxBytes, long segmentBytes) throws IOException {
        Files.createDirectories(folder);
        Spool s = new Spool(folder, maxBytes, segmentBytes);
        s.recover();
        return s;
    }

    private Spool(Path folder, long maxBytes, long segmentBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
    }

    private void recover() throws IOException {
        Path mark = folder.resolve("acknowledged");
        acknowledged =
                Files.exists(mark) ? Long.parseLong(Files.readString(mark).strip()) : 0;
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(".spool"))
                    .forEach(f -> segments.put(
                            Long.parseLong(f.getFileName().toString().replace(".spool", "")), f));
        }
        next = acknowledged;
        for (var e : segments.entrySet()) {
            long sequence = e.getKey();
            try (FileChannel ch = FileChannel.open(e.getValue(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long position = 0;
                while (true) {
                    byte[] payload = read(ch, position);
                    if (payload == null) {
                        // A record torn by a crash (or nothing more): cut it off.
                        ch.truncate(position);
                        break;
                    }
                    if (sequence >= acknowledged) {
                        pending.put(sequence, payload);
                    }
                    position += HEADER + payload.length;
                    sequence++;
                }
                bytes += ch.size();
            }
            next = Math.max(next, sequence);
        }
        dropAcknowledgedSegments();
    }

    /** A record at {@code position}, or null when there is none whole. */
    private static byte[] read(FileChannel ch, long position) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        if (ch.read(header, position) < HEADER) {
            return null;
        }
        header.flip();
        int length = header.getInt();
        int crc = header.getInt();
        if (length < 0 || position + HEADER + length > ch.size()) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        ch.read(body, position + HEADER);
        CRC32 check = new CRC32();
        check.update(body.array());
        return (int) check.getValue() == crc ? body.array() : null;
    }

    /**
     * Keeps a message on disk (forced) and returns its sequence.
     *
     * @throws Full when the spool would pass its bound
     */
    public synchronized long append(byte[] payload) throws IOException {
        if (bytes + HEADER + payload.length > maxBytes) {
            throw new Full(bytes, maxBytes);
        }
        if (current == null || current.size() >= segmentBytes) {
            roll();
        }
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer record = ByteBuffer.allocate(HEADER + payload.length);
        record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        while (record.hasRemaining()) {
            current.write(record);
        }
        current.force(false);
        bytes += HEADER + payload.length;
        long sequence = next++;
        pending.put(sequence, payload);
        return sequence;
    }

    private void roll() throws IOException {
        if (current != null) {
            current.close();
        }
        currentFirst = next;
        Path file = folder.resolve(next + ".spool");
        current =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        segments.put(next, file);
    }

    /** The broker has the message {@code sequence}: forgotten once every one before it is too. */
    public synchronized void acknowledge(long sequence) throws IOException {
        if (pending.remove(sequence) == null) {
            return;
        }
        ackedAhead.add(sequence);
        long before = acknowledged;
        while (ackedAhead.remove(acknowledged)) {
            acknowledged++;
        }
        if (acknowledged != before) {
            Path mark = folder.resolve("acknowledged");
            Path written = folder.resolve("acknowledged.next");
            Files.writeString(written, Long.toString(acknowledged));
            Files.move(written, mark, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            dropAcknowledgedSegments();
        }
    }

    /** Deletes the segments whose every message was acknowledged (the one being written only when all were). */
    private void dropAcknowledgedSegments() throws IOException {
        if (acknowledged == next) {
            // Everything acknowledged, the segment being written too: start afresh with the next append.
            if (current != null) {
                current.close();
                current = null;
            }
            for (Path file : segments.values()) {
                Files.deleteIfExists(file);
            }
            segments.clear();
            bytes = 0;
            return;
        }
        List<Long> firsts = new ArrayList<>(segments.keySet());
        for (int i = 0; i + 1 < firsts.size(); i++) {
            if (firsts.get(i + 1) <= acknowledged && (current == null || firsts.get(i) != currentFirst)) {
                Path file = segments.remove(firsts.get(i));
                bytes -= Files.size(file);
                Files.delete(file);
            }
        }
    }

    /** The messages the broker has not acknowledged, oldest first: what to send again after a restart. */
    public synchronized List<Entry> pending() {
        return pending.entrySet().stream()
                .map(e -> new Entry(e.getKey(), e.getValue()))
                .toList();
    }

    /** At most {@code limit} of the messages the broker has not acknowledged, oldest first. */
    public synchronized List<Entry> oldest(int limit) {
        return pending.entrySet().stream()
                .limit(limit)
                .map(e -> new Entry(e.getKey(), e.getValue()))
                .toList();
    }

    /** How many messages wait for the broker. */
    public synchronized int waiting() {
        return pending.size();
    }

    /** The bytes the spool holds on disk. */
    public synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized void close() {
        try {
            if (current != null) {
                current.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
