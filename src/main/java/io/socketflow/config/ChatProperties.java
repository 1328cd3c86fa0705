package io.socketflow.config;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The chat relay: {@code socketflow.chat.*}.
 *
 * @param tcp the chat listener (TCP 8080 by default)
 * @param relay how lines reach the members: {@code local} (this instance, in memory) or {@code redis}
 *     (every instance sharing a Redis server)
 * @param memberBuffer outbound bytes queued per member; a member that lets more pile up is disconnected as too slow
 */
public record ChatProperties(@Valid @NestedConfigurationProperty @DefaultValue TcpListenerProperties tcp, @DefaultValue("local") Relay relay,
        @DefaultValue("1MB") DataSize memberBuffer) {

    public static final int CHAT_PORT = 8080;

    public ChatProperties {
        if (memberBuffer.toBytes() < 1024) {
            throw new IllegalArgumentException("member-buffer must be at least 1KB, was " + memberBuffer);
        }
    }

    ChatProperties withDefaultPort(int defaultPort) {
        return new ChatProperties(tcp.withDefaultPort(defaultPort), relay, memberBuffer);
    }

    /** Where chat lines travel between members. */
    public enum Relay {

        /** In memory: members of this instance only. */
        LOCAL,

        /** Through Redis pub/sub: members of every instance that shares the Redis server. */
        REDIS

    }

}
