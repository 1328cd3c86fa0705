package io.socketflow.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * The chat relay: {@code socketflow.chat.*}.
 *
 * @param tcp the chat listener (TCP 8080 by default)
 * @param relay how lines reach the members: {@code local} (this instance, in memory) or {@code redis}
 *     (every instance sharing a Redis server)
 * @param memberBuffer outbound bytes queued per member; a member that lets more pile up is disconnected as too slow
 * @param redis the Redis relay, used when {@code relay} is {@code redis}; the connection itself is Spring Boot's
 *     {@code spring.data.redis.*}
 */
public record ChatProperties(@Valid @DefaultValue @NestedConfigurationProperty TcpListenerProperties tcp,
        @DefaultValue("local") Relay relay, @DefaultValue("1MB") DataSize memberBuffer,
        @Valid @DefaultValue @NestedConfigurationProperty Redis redis) {

    public static final int CHAT_PORT = 8080;

    public ChatProperties {
        if (memberBuffer.toBytes() < 1024) {
            throw new IllegalArgumentException("member-buffer must be at least 1KB, was " + memberBuffer);
        }
    }

    ChatProperties withDefaultPort(int defaultPort) {
        return new ChatProperties(tcp.withDefaultPort(defaultPort), relay, memberBuffer, redis);
    }

    /** Where chat lines travel between members. */
    public enum Relay {

        /** In memory: members of this instance only. */
        LOCAL,

        /** Through Redis pub/sub: members of every instance that shares the Redis server. */
        REDIS

    }

    /**
     * The Redis relay: {@code socketflow.chat.redis.*}.
     *
     * @param channelPrefix starts the pub/sub channel ({@code <prefix>:chat}) and every key the relay keeps
     *     ({@code <prefix>:chat:*}); instances with the same prefix on the same Redis share one room
     * @param presenceTtl how long a member stays in {@code /who} and keeps its nickname after its instance last
     *     refreshed it; the members of an instance that dies vanish after this
     * @param heartbeat how often each instance refreshes its members' presence; shorter than {@code presence-ttl}
     * @param recoveryInterval how soon a lost Redis connection is retried, and how often the relay checks whether
     *     Redis is back
     * @param publishQueue chat lines that may wait to be published; past it lines reach this instance's members
     *     only, and are counted as Redis errors
     */
    public record Redis(@DefaultValue("socketflow") @NotBlank String channelPrefix,
            @DefaultValue("30s") @DurationUnit(ChronoUnit.SECONDS) Duration presenceTtl,
            @DefaultValue("10s") @DurationUnit(ChronoUnit.SECONDS) Duration heartbeat,
            @DefaultValue("1s") @DurationUnit(ChronoUnit.SECONDS) Duration recoveryInterval,
            @DefaultValue("10000") @Min(value = 1, message = "must be at least 1") int publishQueue) {

        public Redis {
            if (presenceTtl.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("presence-ttl must be at least 1s, was " + presenceTtl);
            }
            if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.compareTo(presenceTtl) >= 0) {
                throw new IllegalArgumentException("heartbeat must be positive and shorter than presence-ttl ("
                        + presenceTtl + "), was " + heartbeat);
            }
            if (recoveryInterval.compareTo(Duration.ofMillis(10)) < 0) {
                throw new IllegalArgumentException("recovery-interval must be at least 10ms, was " + recoveryInterval);
            }
        }

    }

}
