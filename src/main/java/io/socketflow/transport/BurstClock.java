package io.socketflow.transport;

/**
 * The clock of a read burst, used on its event loop: one reading of the wall clock gives the timestamp of all the
 * burst's messages, which are microseconds apart, and each message is timed from where the one before it ended, so one
 * reading per message times it. Reading the clock was a measurable share of what a small message costs the event loop.
 */
final class BurstClock {

    private long millis;

    private long lastEndNanos;

    /** A read burst begins; returns when, by {@link System#nanoTime()}. */
    long begin() {
        millis = System.currentTimeMillis();
        lastEndNanos = System.nanoTime();
        return lastEndNanos;
    }

    /** The timestamp of the burst's messages ({@link System#currentTimeMillis()} when it began). */
    long millis() {
        return millis;
    }

    /** A message of the burst has been handled: the nanoseconds since the one before it was, or the burst began. */
    long messageHandled() {
        long now = System.nanoTime();
        long took = now - lastEndNanos;
        lastEndNanos = now;
        return took;
    }

}
