package io.envwatch.alerting.events;

/**
 * One stored change. A book is the fold of its events in time order; an event's time is unique in
 * its log, so the fold after a restart is the same as before it.
 *
 * @param <E> the event's own type, so that stamping it keeps it
 */
public interface Event<E extends Event<E>> {
    /** When it was stored, epoch ns; 0 while it is a draft a book decided on. */
    long timeNanos();

    /** The same event at the time the log stores it. */
    E at(long timeNanos);
}
