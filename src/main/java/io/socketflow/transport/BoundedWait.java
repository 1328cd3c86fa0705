package io.socketflow.transport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits, at most a given time, for something that finishes on other threads with nothing to be notified by: the
 * steps of a shutdown, a member's last lines being written.
 */
public final class BoundedWait {

    private static final long POLL_MILLIS = 5;

    private BoundedWait() {
    }

    /** Returns whether {@code done} became true within {@code limit}; false also when the thread is interrupted. */
    public static boolean until(BooleanSupplier done, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

}
