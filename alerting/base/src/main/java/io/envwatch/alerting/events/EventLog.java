package io.envwatch.alerting.events;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a book's events. Everything that changes an alert, a case or a tip runs here,
 * one step at a time on one thread: a book decides (pure, returning draft events or refusing), the
 * log stamps each draft, stores it, and only then applies it and tells its listeners. Two officers
 * pressing the same button together cannot both succeed, and a failed write changes nothing.
 *
 * @param <E> the book's event
 */
public final class EventLog<E extends Event<E>> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final String name;
    private final EventStore<E> store;
    private final Consumer<E> apply;
    private final Clock clock;
    private final List<Consumer<E>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;
    private volatile Thread writer;
    private long lastNs;

    /**
     * @param name the log's name in thread names and log lines ({@code alert}, {@code case}, {@code tip})
     * @param apply folds one stored event into the book
     */
    public EventLog(String name, EventStore<E> store, Consumer<E> apply, Clock clock) {
        this.name = name;
        this.store = store;
        this.apply = apply;
        this.clock = clock;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-ledger");
            t.setDaemon(true);
            writer = t;
            return t;
        });
    }

    /**
     * Rebuilds the book from every stored event, then runs {@code afterwards} (rewriting board
     * points) on the writer, before any other step. Call once, first. It takes as long as the
     * store takes: a large log is read whole rather than given up on.
     *
     * @return how many events it read
     */
    public int recover(Runnable afterwards) throws InterruptedException {
        try {
            return CompletableFuture.supplyAsync(
                            () -> {
                                List<E> events = store.loadAll();
                                for (E e : events) {
                                    apply.accept(e);
                                    lastNs = Math.max(lastNs, e.timeNanos());
                                }
                                afterwards.run();
                                return events.size();
                            },
                            executor)
                    .get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Told of every stored event, in order, on the writer: a listener keeps it short or hands slow work off. */
    public void listen(Consumer<E> listener) {
        listeners.add(listener);
    }

    /**
     * Runs one step on the writer. It completes with the step's answer, or fails with the
     * {@link Refused} the book gave, or with {@link NotStored} when the store failed it.
     */
    public <T> CompletableFuture<T> submit(Supplier<T> step) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return step.get();
                    } catch (Refused | NotStored e) {
                        throw e;
                    } catch (RuntimeException e) {
                        throw new NotStored(name + " log", e);
                    }
                },
                executor);
    }

    /** Stores a draft at the next time in this log, then applies it; only on the writer. */
    public E record(E draft) {
        // Unique and increasing even when the clock stands still or steps back.
        return record(draft, Math.max(lastNs + 1, clock.millis() * 1_000_000L));
    }

    /**
     * Stores a draft at a time the book chose (a tip's receipt is stored at a blurred time), then
     * applies it; only on the writer.
     */
    public E record(E draft, long timeNanos) {
        if (Thread.currentThread() != writer) {
            throw new IllegalStateException("the " + name + " log records only on its own thread");
        }
        E event = draft.at(timeNanos);
        store.append(event);
        lastNs = Math.max(lastNs, timeNanos);
        apply.accept(event);
        for (Consumer<E> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("a {} listener failed: {}", name, e.toString());
            }
        }
        return event;
    }

    /** The cause a failed step's future carries, without the future's wrapping. */
    public static Throwable cause(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
