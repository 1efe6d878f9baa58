package io.envwatch.alerting.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventLogTest {
    record Note(long timeNanos, String text) implements Event<Note> {
        @Override
        public Note at(long timeNanos) {
            return new Note(timeNanos, text);
        }
    }

    /** A store kept in a list, which fails its appends while told to. */
    static final class ListStore implements EventStore<Note> {
        final List<Note> stored = new ArrayList<>();
        volatile boolean down;

        @Override
        public void append(Note event) {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            stored.add(event);
        }

        @Override
        public List<Note> loadAll() {
            return List.copyOf(stored);
        }
    }

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T16:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void eventsGetUniqueIncreasingTimesWhenTheClockStandsStillOrStepsBack() throws Exception {
        ListStore store = new ListStore();
        List<Note> folded = new ArrayList<>();
        try (EventLog<Note> log = new EventLog<>("note", store, folded::add, clock)) {
            log.recover(() -> {});
            await(log.submit(() -> log.record(new Note(0, "a"))));
            await(log.submit(() -> log.record(new Note(0, "b"))));
            now.set(now.get().minusSeconds(30));
            await(log.submit(() -> log.record(new Note(0, "c"))));
        }
        long t0 = Instant.parse("2026-12-06T16:00:00Z").toEpochMilli() * 1_000_000L;
        assertThat(store.stored).extracting(Note::timeNanos).containsExactly(t0, t0 + 1, t0 + 2);
        assertThat(folded).isEqualTo(store.stored);
    }

    @Test
    void aFailedWriteChangesNothingAndTheCallerHearsOfItAsNotStored() throws Exception {
        ListStore store = new ListStore();
        List<Note> folded = new ArrayList<>();
        List<Note> told = new ArrayList<>();
        try (EventLog<Note> log = new EventLog<>("note", store, folded::add, clock)) {
            log.listen(told::add);
            store.down = true;
            assertThatThrownBy(() -> await(log.submit(() -> log.record(new Note(0, "lost")))))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(NotStored.class)
                    .hasMessageContaining("connection refused");
            assertThat(folded).isEmpty();
            assertThat(told).isEmpty();
            store.down = false;
            await(log.submit(() -> log.record(new Note(0, "kept"))));
        }
        assertThat(folded).extracting(Note::text).containsExactly("kept");
        assertThat(told).extracting(Note::text).containsExactly("kept");
    }

    @Test
    void aRefusalReachesTheCallerAsItself() {
        try (EventLog<Note> log = new EventLog<>("note", new ListStore(), e -> {}, clock)) {
            assertThatThrownBy(() -> await(log.submit(() -> {
                        throw new Refused(Refused.Reason.NOT_FOUND, "refused.alert.none", "id", "A-1");
                    })))
                    .cause()
                    .isInstanceOf(Refused.class)
                    .hasMessage("no alert A-1");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void onlyTheWriterRecords() throws Exception {
        try (EventLog<Note> log = new EventLog<>("note", new ListStore(), e -> {}, clock)) {
            log.recover(() -> {});
            assertThatThrownBy(() -> log.record(new Note(0, "from the wrong thread")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("own thread");
        }
    }

    @Test
    void recoveryFoldsEveryStoredEventInOrderAndLaterEventsComeAfterTheLast() throws Exception {
        ListStore store = new ListStore();
        long future = (now.get().toEpochMilli() + 3_600_000L) * 1_000_000L;
        store.stored.add(new Note(future - 5, "x"));
        store.stored.add(new Note(future, "y"));
        List<String> folded = new ArrayList<>();
        List<String> afterwards = new ArrayList<>();
        try (EventLog<Note> log = new EventLog<>("note", store, e -> folded.add(e.text()), clock)) {
            assertThat(log.recover(() -> afterwards.add("boards after " + folded.size())))
                    .isEqualTo(2);
            Note next = await(log.submit(() -> log.record(new Note(0, "z"))));
            assertThat(next.timeNanos())
                    .as("after the last stored event, though the clock is behind it")
                    .isEqualTo(future + 1);
        }
        assertThat(folded).containsExactly("x", "y", "z");
        assertThat(afterwards).containsExactly("boards after 2");
    }

    @Test
    void aFailingListenerDoesNotKeepTheOthersFromHearing() throws Exception {
        List<Note> told = new ArrayList<>();
        try (EventLog<Note> log = new EventLog<>("note", new ListStore(), e -> {}, clock)) {
            log.listen(e -> {
                throw new IllegalStateException("listener broke");
            });
            log.listen(told::add);
            await(log.submit(() -> log.record(new Note(0, "heard"))));
        }
        assertThat(told).extracting(Note::text).containsExactly("heard");
    }
}
