package io.socketflow.chat;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Spring Boot's Redis auto-configuration out unless the chat relays through Redis: with the local relay its
 * Lettuce client resources would still start their timer and executor threads, for a connection nothing uses.
 */
public final class RedisOnlyForRedisRelay implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final String REDIS_AUTO_CONFIGURATION = "org.springframework.boot.data.redis.autoconfigure.";

    private @Nullable Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean redisRelay = environment == null || relaysThroughRedis(environment);
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String candidate = autoConfigurationClasses[i];
            matches[i] = redisRelay || candidate == null || !candidate.startsWith(REDIS_AUTO_CONFIGURATION);
        }
        return matches;
    }

    /** The same conditions as {@link RedisRelayConfiguration}'s. */
    private static boolean relaysThroughRedis(Environment environment) {
        return environment.getProperty("socketflow.chat.tcp.enabled", Boolean.class, true)
                && "redis".equals(environment.getProperty("socketflow.chat.relay"));
    }

}
