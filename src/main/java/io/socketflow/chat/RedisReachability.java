package io.socketflow.chat;

import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Whether the Redis relay can reach Redis, as it last found out. Member threads ask before they touch Redis, so
 * while Redis is away they fall back to this instance at once instead of waiting on timeouts. Only a heartbeat that
 * went through says Redis is back, after it has put this instance's members back into Redis.
 *
 * <p>Every failed Redis command and every chat line that could not be relayed counts as a chat error with reason
 * {@code redis}; each change between reachable and not is logged once.
 */
final class RedisReachability {

    private static final Log logger = LogFactory.getLog(RedisReachability.class);

    private enum State {

        UNKNOWN, UP, DOWN

    }

    private final AtomicReference<State> state = new AtomicReference<>(State.UNKNOWN);

    private final Counter errors;

    private final String redis;

    RedisReachability(MeterRegistry meterRegistry, String redis) {
        this.errors = meterRegistry.counter("socketflow.errors", "service", "chat", "transport", "tcp", "reason",
                "redis");
        this.redis = redis;
    }

    boolean isUp() {
        return state.get() == State.UP;
    }

    /** Redis answered and this instance's presence is back in it. */
    void reached() {
        if (state.getAndSet(State.UP) != State.UP) {
            logger.info("Chat relay connected through Redis at " + redis
                    + ": lines, /who and nicknames span every instance");
        }
    }

    /** A Redis command failed: from now on member threads stay local until a heartbeat gets through. */
    void failed(String what, Exception ex) {
        if (!lost(what + ": " + ex.getMessage()) && logger.isDebugEnabled()) {
            logger.debug("Redis still unreachable (" + what + ")", ex);
        }
    }

    /** Redis is away, as a lost connection or a failed health check shows; true if it was not known before. */
    boolean lost(String why) {
        errors.increment();
        if (state.getAndSet(State.DOWN) == State.DOWN) {
            return false;
        }
        logger.warn("Chat relay cannot reach Redis at " + redis + " (" + why + "); until it is back, lines reach"
                + " this instance's members only, and /who and nicknames are this instance's");
        return true;
    }

    /** A chat line reached this instance's members only. */
    void notRelayed() {
        errors.increment();
    }

}
