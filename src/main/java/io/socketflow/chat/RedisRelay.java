package io.socketflow.chat;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Keeps the Redis relay going: subscribes to the room's channel, refreshes this instance's presence every
 * {@code heartbeat}, and while Redis is away checks every {@code recovery-interval} whether it is back, then puts
 * the presence back and lets member threads use Redis again. A connection Lettuce reports lost sends the relay local
 * at once, even with nothing to publish (a Redis restart loses every key, so even a quiet instance must put its
 * presence back). Lettuce reconnects the connections by itself and subscribes again; this only restarts the
 * subscription when it never came up (Redis was away at start-up).
 *
 * <p>Starts before the listeners accept anyone, so the first members already get cluster-wide guest numbers, and
 * stops after they have closed every member's connection, so the last "left" notices are still published; the
 * Redis connection factory (phase 0) stops after it.
 */
final class RedisRelay implements SmartLifecycle {

    static final int PHASE = Integer.MAX_VALUE / 4;

    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final RedisChatBus bus;

    private final RedisPresence presence;

    private final RedisMessageListenerContainer subscription;

    private final RedisReachability reachability;

    private final Duration heartbeat;

    private final Duration recoveryInterval;

    private final ClientResources lettuce;

    private final ThreadPoolTaskScheduler checks = new ThreadPoolTaskScheduler();

    private @Nullable Disposable connectionEvents;

    private volatile long lastHeartbeat;

    private volatile boolean running;

    RedisRelay(RedisChatBus bus, RedisPresence presence, RedisMessageListenerContainer subscription,
            RedisReachability reachability, ClientResources lettuce, Duration heartbeat, Duration recoveryInterval) {
        this.bus = bus;
        this.presence = presence;
        this.subscription = subscription;
        this.reachability = reachability;
        this.heartbeat = heartbeat;
        this.recoveryInterval = recoveryInterval;
        this.lettuce = lettuce;
        checks.setThreadNamePrefix("chat-relay-heartbeat-");
    }

    @Override
    public void start() {
        running = true;
        connectionEvents = lettuce.eventBus().get()
                .filter(ConnectionDeactivatedEvent.class::isInstance)
                .subscribe(event -> reachability.lost("connection lost"));
        check();
        checks.initialize();
        checks.scheduleWithFixedDelay(this::check, recoveryInterval);
    }

    /** A heartbeat when one is due, or when Redis was away: that is how the relay finds out it is back. */
    private void check() {
        if (reachability.isUp() && System.nanoTime() - lastHeartbeat < heartbeat.toNanos()) {
            return;
        }
        try {
            List<RedisPresence.Lost> lost = presence.heartbeat();
            if (!subscription.isListening()) {
                subscription.stop();
                subscription.start();
            }
            lastHeartbeat = System.nanoTime();
            reachability.reached();
            presence.reportLost(lost);
        }
        catch (RuntimeException ex) {
            reachability.failed("heartbeat", ex);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (connectionEvents != null) {
            connectionEvents.dispose();
        }
        checks.shutdown();
        bus.drain(DRAIN);
        subscription.stop();
        if (reachability.isUp()) {
            try {
                presence.leaveRedis();
            }
            catch (RuntimeException ex) {
                reachability.failed("leaving", ex);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

}
