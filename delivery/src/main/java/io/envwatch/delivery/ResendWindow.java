package io.envwatch.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The sender's half of "nothing lost, counted once" (docs/mqtt-readings.md, "Sending: keep and
 * resend"): every message the broker acknowledged is kept for a window, and after any reconnect
 * everything still in the window is published again.
 *
 * <p>Why: Mosquitto acknowledges a PUBLISH before anyone has read it and saves to disk only every
 * {@code autosave_interval} seconds, so a broker crash loses what it acknowledged in its last moments
 * (or, with no subscriber connected, in its last autosave interval). A sender that resends after the
 * reconnect closes that gap; the job takes each reading and each complaint id once, so the copies of
 * what had arrived change nothing. A sender that itself loses power loses what it held.
 *
 * <p>Bounded: by the window in time (counted back from the last acknowledgement), and by
 * {@code maxBytes} of payload (the oldest go first,
 * counted in {@link #dropped()}). Free of any MQTT client, so that every sending process (gateways,
 * the duty service) shares it; each wires its client's reconnect to {@link #resend}.
 */
public final class ResendWindow {
    /** Far above Mosquitto's autosave interval (5 s in infra/mosquitto) and a reconnect's few seconds. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** Messages of a resend unacknowledged at once. */
    static final int IN_FLIGHT = 64;

    /** Publishes one message again; {@code settled} runs once the broker answered, or the publish failed. */
    @FunctionalInterface
    public interface Sender {
        /**
         * @return false if the client has too many messages in flight just now (try again shortly)
         * @throws Exception if the publish cannot be made at all: the connection is gone again
         */
        boolean send(String topic, byte[] payload, Runnable settled) throws Exception;
    }

    private record Kept(String topic, byte[] payload, long acknowledgedAt) {}

    private final long windowMillis;
    private final long maxBytes;
    private final LongSupplier clock;
    private final Deque<Kept> kept = new ArrayDeque<>();
    private long keptBytes;
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public ResendWindow() {
        this(DEFAULT_WINDOW, DEFAULT_MAX_BYTES, System::currentTimeMillis);
    }

    public ResendWindow(Duration window, long maxBytes, LongSupplier clock) {
        this.windowMillis = window.toMillis();
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** The broker acknowledged this message now: it is kept for the window. */
    public synchronized void acknowledged(String topic, byte[] payload) {
        long now = clock.getAsLong();
        kept.addLast(new Kept(topic, payload, now));
        keptBytes += payload.length;
        expire(now);
        while (keptBytes > maxBytes && kept.size() > 1) {
            keptBytes -= kept.removeFirst().payload.length;
            dropped.incrementAndGet();
        }
    }

    private void expire(long now) {
        while (!kept.isEmpty() && kept.peekFirst().acknowledgedAt < now - windowMillis) {
            keptBytes -= kept.removeFirst().payload.length;
        }
    }

    /**
     * What was acknowledged within the window before the last acknowledgement: counted back from the
     * last one, not from now, so that a broker down for longer than the window still gets what it
     * acknowledged in its last moments (the sender was not acknowledged anything meanwhile).
     */
    private synchronized List<Kept> inWindow() {
        if (!kept.isEmpty()) {
            expire(kept.peekLast().acknowledgedAt);
        }
        return new ArrayList<>(kept);
    }

    /**
     * Publishes again everything acknowledged within the window, in the order first sent, at most
     * {@link #IN_FLIGHT} at once, and waits (up to 30 s) for the broker to answer them. Stops at the
     * first publish that cannot be made: the connection is gone again, and the next reconnect sends
     * the whole window again. Blocks: call it on a thread of the sender's own, not the client's.
     *
     * @return how many were sent again, of how many in the window
     */
    public Resent resend(Sender sender) throws InterruptedException {
        List<Kept> again = inWindow();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        int sent = 0;
        for (Kept k : again) {
            inFlight.acquire();
            if (!sendOne(sender, k, inFlight)) {
                break;
            }
            sent++;
        }
        inFlight.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS);
        resent.addAndGet(sent);
        return new Resent(sent, again.size(), windowMillis / 1000);
    }

    private static boolean sendOne(Sender sender, Kept k, Semaphore inFlight) throws InterruptedException {
        while (true) {
            boolean taken;
            try {
                taken = sender.send(k.topic, k.payload, inFlight::release);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                inFlight.release();
                return false;
            }
            if (taken) {
                return true;
            }
            Thread.sleep(10);
        }
    }

    /** What a resend did: {@code sent} of the {@code inWindow} messages acknowledged in the last {@code windowSeconds}. */
    public record Resent(int sent, int inWindow, long windowSeconds) {
        @Override
        public String toString() {
            return "sent again " + sent + " of the " + inWindow + " messages acknowledged in the last " + windowSeconds
                    + " s";
        }
    }

    /** Messages published again by {@link #resend}, in all. */
    public long resent() {
        return resent.get();
    }

    /** Messages no longer kept because the window held more than {@code maxBytes}. */
    public long dropped() {
        return dropped.get();
    }

    public synchronized int kept() {
        return kept.size();
    }
}
