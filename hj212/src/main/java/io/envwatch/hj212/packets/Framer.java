package io.envwatch.hj212.packets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the byte stream of one TCP connection into packets, whatever the reads bring: a packet
 * split over several reads, several in one, noise between them. Each packet is checked (its
 * length against where it ends, its CRC, its fields) and comes out as a {@link Framed} packet or
 * a {@link Rejected} one with its reason and raw text; after a rejection the framer looks for the
 * next {@code ##} from the second character of the rejected one's (noise ending in {@code #} right
 * before a packet makes {@code ###}), so one bad packet costs only itself. What it holds between reads is bounded by
 * the longest packet the standard allows.
 */
public final class Framer {
    /** A packet's fixed parts: {@code ##}, four length digits, four CRC digits, CR LF. */
    private static final int OVERHEAD = 2 + 4 + 4 + 2;
    /** The most of a rejected packet's text a dead letter keeps. */
    public static final int RAW_LIMIT = 256;

    private byte[] buffer = new byte[0];

    /** What came out of the stream. */
    public sealed interface Result permits Framed, Rejected {}

    /** A whole, checked packet and its text as it arrived. */
    public record Framed(Packet packet, String raw) implements Result {}

    /** Bytes that were no packet: why ({@code bad-length}, {@code too-long}, {@code bad-crc}, {@code bad-field}, {@code garbage}) and what (cut). */
    public record Rejected(String reason, String detail, String raw) implements Result {}

    /** Takes what one read brought; returns the packets (and rejects) it completed, in order. */
    public List<Result> feed(byte[] bytes, int offset, int length) {
        byte[] joined = new byte[buffer.length + length];
        System.arraycopy(buffer, 0, joined, 0, buffer.length);
        System.arraycopy(bytes, offset, joined, buffer.length, length);
        List<Result> out = new ArrayList<>();
        int at = 0;
        while (at < joined.length) {
            int start = find(joined, at);
            if (start < 0) {
                // No packet start: keep a last '#', which may begin one, and report the rest.
                int keep = joined[joined.length - 1] == '#' ? 1 : 0;
                garbage(out, joined, at, joined.length - keep);
                at = joined.length - keep;
                break;
            }
            garbage(out, joined, at, start);
            if (joined.length - start < 6) {
                at = start;
                break;
            }
            int segment = digits(joined, start + 2);
            if (segment < 0 || segment > Packet.MAX_DATA_SEGMENT) {
                out.add(reject(
                        segment < 0 ? "bad-length" : "too-long",
                        segment < 0
                                ? "the length after ## must be four digits"
                                : "a data segment of " + segment + " bytes is longer than " + Packet.MAX_DATA_SEGMENT,
                        joined,
                        start,
                        Math.min(joined.length, start + 6)));
                at = start + 1;
                continue;
            }
            int end = start + segment + OVERHEAD;
            if (joined.length < end) {
                // Not all here yet; if a new packet starts before this one could end, this one was cut short.
                int next = find(joined, start + 2);
                if (next > 0 && next < joined.length && lineEndsBefore(joined, start, next)) {
                    out.add(reject("bad-length", "the packet ends before its length says", joined, start, next));
                    at = next;
                    continue;
                }
                at = start;
                break;
            }
            if (joined[end - 2] != '\r' || joined[end - 1] != '\n') {
                out.add(reject(
                        "bad-length", "the packet does not end (CR LF) where its length says", joined, start, end));
                at = start + 1;
                continue;
            }
            out.add(check(joined, start, segment, end));
            at = end;
        }
        buffer = java.util.Arrays.copyOfRange(joined, at, joined.length);
        return out;
    }

    /** How many bytes wait for the rest of a packet. */
    public int pending() {
        return buffer.length;
    }

    private static Result check(byte[] b, int start, int segment, int end) {
        String crc = new String(b, start + 6 + segment, 4, StandardCharsets.US_ASCII);
        int computed = Crc16.of(b, start + 6, segment);
        if (!crc.matches("[0-9A-Fa-f]{4}") || Integer.parseInt(crc, 16) != computed) {
            return reject(
                    "bad-crc",
                    "CRC " + crc + " where the data segment checks as " + String.format("%04X", computed),
                    b,
                    start,
                    end);
        }
        String text = new String(b, start + 6, segment, StandardCharsets.UTF_8);
        try {
            return new Framed(Packet.parse(text), raw(b, start, end));
        } catch (PacketException e) {
            return reject(e.reason(), e.getMessage(), b, start, end);
        }
    }

    /** Whether a CR LF lies between {@code from} and {@code to}: the cut-short packet's own end. */
    private static boolean lineEndsBefore(byte[] b, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return true;
            }
        }
        return false;
    }

    private static void garbage(List<Result> out, byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(b[i])) {
                out.add(reject("garbage", "bytes outside any packet", b, from, to));
                return;
            }
        }
    }

    private static Rejected reject(String reason, String detail, byte[] b, int from, int to) {
        return new Rejected(reason, detail, raw(b, from, to));
    }

    private static String raw(byte[] b, int from, int to) {
        ByteArrayOutputStream cut = new ByteArrayOutputStream();
        cut.write(b, from, Math.min(to - from, RAW_LIMIT));
        return cut.toString(StandardCharsets.UTF_8);
    }

    private static int find(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '#' && b[i + 1] == '#') {
                return i;
            }
        }
        return -1;
    }

    private static int digits(byte[] b, int at) {
        int n = 0;
        for (int i = at; i < at + 4; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            n = n * 10 + (b[i] - '0');
        }
        return n;
    }
}
