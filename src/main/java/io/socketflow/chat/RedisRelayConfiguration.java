package io.socketflow.chat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;

import io.socketflow.config.ChatProperties;
import io.socketflow.config.SocketflowProperties;

/**
 * The chat relay across instances, with {@code socketflow.chat.relay=redis}: Spring Data Redis on Spring Boot's
 * Lettuce connection ({@code spring.data.redis.*}). Spring Data Redis rather than spring-integration-redis because
 * presence needs plain Redis commands and scripts, which the integration adapters would only wrap.
 *
 * <p>With the local relay none of this exists, nor does Spring Boot's Redis auto-configuration
 * ({@link RedisOnlyForRedisRelay}), so nothing connects to Redis; Boot's Redis health indicator is off
 * ({@code management.health.redis.enabled=false} in the embedded application.yml); the {@code redis} health
 * component here replaces it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "socketflow.chat.tcp.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "socketflow.chat.relay", havingValue = "redis")
class RedisRelayConfiguration {

    @Bean
    RelayNames relayNames(SocketflowProperties properties) {
        return RelayNames.withRandomInstance(properties.chat().redis().channelPrefix());
    }

    @Bean
    RedisReachability redisReachability(MeterRegistry meterRegistry, DataRedisConnectionDetails connection) {
        return new RedisReachability(meterRegistry, describe(connection));
    }

    @Bean
    RedisChatBus redisChatBus(RedisConnectionFactory connectionFactory, RelayNames names,
            RedisReachability reachability, SocketflowProperties properties) {
        RedisSerializer<RelayEnvelope> json = new JacksonJsonRedisSerializer<>(RelayEnvelope.class);
        RedisTemplate<String, RelayEnvelope> template = new RedisTemplate<>();
        template.setConnectionFactory(connectionFactory);
        template.setKeySerializer(RedisSerializer.string());
        template.setValueSerializer(json);
        template.afterPropertiesSet();
        return new RedisChatBus(template, json, names, reachability, properties.chat().redis().publishQueue(),
                (connectionFactory instanceof LettuceConnectionFactory lettuce) ? Duration.ofMillis(lettuce.getTimeout())
                        : Duration.ofSeconds(2));
    }

    @Bean
    RedisPresence redisPresence(StringRedisTemplate redis, RelayNames names, RedisReachability reachability,
            SocketflowProperties properties) {
        return new RedisPresence(redis, names, properties.chat().redis().presenceTtl(), reachability);
    }

    /**
     * Started by the relay, which also copes with Redis being away at start-up; stopped with it, so members hear
     * the other instances until their connections close.
     */
    @Bean
    RedisMessageListenerContainer chatSubscription(RedisConnectionFactory connectionFactory, RedisChatBus bus,
            RelayNames names, SocketflowProperties properties) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connectionFactory);
        container.setTaskExecutor(bus.receiver());
        container.setRecoveryInterval(properties.chat().redis().recoveryInterval().toMillis());
        container.addMessageListener(bus, new ChannelTopic(names.channel()));
        container.setAutoStartup(false);
        container.setPhase(RedisRelay.PHASE);
        return container;
    }

    @Bean
    RedisRelay redisRelay(RedisChatBus bus, RedisPresence presence, RedisMessageListenerContainer chatSubscription,
            RedisReachability reachability, ClientResources lettuce, SocketflowProperties properties) {
        ChatProperties.Redis redis = properties.chat().redis();
        return new RedisRelay(bus, presence, chatSubscription, reachability, lettuce, redis.heartbeat(),
                redis.recoveryInterval());
    }

    /** The {@code redis} health component. */
    @Bean
    RedisRelayHealthIndicator redisHealthIndicator(RedisConnectionFactory connectionFactory,
            RedisReachability reachability, RelayNames names) {
        return new RedisRelayHealthIndicator(new DataRedisHealthIndicator(connectionFactory), reachability, names);
    }

    /**
     * While Lettuce is reconnecting, commands fail at once instead of waiting in its buffer until a timeout: a
     * member thread is never held up by a Redis that is away.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer chatRelayRejectsCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Lettuce retries a lost connection with a delay doubling up to 30 s; capped at the recovery interval, the relay
     * is back within about that long after Redis is.
     */
    @Bean
    ClientResourcesBuilderCustomizer chatRelayReconnectDelay(SocketflowProperties properties) {
        Duration most = properties.chat().redis().recoveryInterval();
        Duration least = (most.compareTo(Duration.ofMillis(100)) < 0) ? most : Duration.ofMillis(100);
        return resources -> resources.reconnectDelay(Delay.exponential(least, most, 2, TimeUnit.MILLISECONDS));
    }

    private static String describe(DataRedisConnectionDetails connection) {
        if (connection.getCluster() != null) {
            return "a cluster";
        }
        if (connection.getSentinel() != null) {
            return "sentinel master " + connection.getSentinel().getMaster();
        }
        DataRedisConnectionDetails.Standalone standalone = connection.getStandalone();
        return (standalone != null) ? standalone.getHost() + ":" + standalone.getPort() : "?";
    }

}
