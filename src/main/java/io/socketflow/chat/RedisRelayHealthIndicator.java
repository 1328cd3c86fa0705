package io.socketflow.chat;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code redis} health component, present only with the Redis relay. While the relay runs across instances
 * it is Spring Boot's own Redis check, and a failed check sends the relay local at once. While the relay knows
 * Redis is away it is DOWN without asking Redis, and stays DOWN until the relay has put this instance's presence
 * back (its next check after Redis answers). Readiness includes it; liveness does not, as a restart would not
 * bring Redis back.
 */
final class RedisRelayHealthIndicator implements HealthIndicator {

    private final HealthIndicator redis;

    private final RedisReachability reachability;

    private final RelayNames names;

    RedisRelayHealthIndicator(HealthIndicator redis, RedisReachability reachability, RelayNames names) {
        this.redis = redis;
        this.reachability = reachability;
        this.names = names;
    }

    @Override
    public Health health() {
        if (!reachability.isUp()) {
            return relay(Health.down(), "this instance only");
        }
        Health server = redis.health(true);
        if (!Status.UP.equals(server.getStatus())) {
            reachability.lost("health check: " + server.getDetails().getOrDefault("error", server.getStatus()));
        }
        return relay(Health.status(server.getStatus()).withDetails(server.getDetails()), "across instances");
    }

    private Health relay(Health.Builder health, String relay) {
        return health.withDetail("relay", relay)
                .withDetail("channel", names.channel())
                .withDetail("instance", names.instance())
                .build();
    }

}
