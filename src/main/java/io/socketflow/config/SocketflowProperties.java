package io.socketflow.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code socketflow.*}. Unknown keys fail start-up, so a typo never silently does nothing.
 *
 * @param uppercase the uppercase service (TCP and UDP 12000 by default)
 * @param bytecount the byte count service (TCP and UDP 1060 by default)
 * @param chat the chat relay (TCP 8080 by default)
 * @param operator the operator API on the HTTP port
 * @param ioThreads the Netty event loop threads the uppercase and bytecount listeners share (the chat has one of its
 *     own); 0 for one per two CPU cores (at least one), which leaves the rest to the chat, HTTP and the garbage
 *     collector
 */
@Validated
@ConfigurationProperties(prefix = "socketflow", ignoreUnknownFields = false)
public record SocketflowProperties(@Valid @DefaultValue @NestedConfigurationProperty ServiceProperties uppercase,
        @Valid @DefaultValue @NestedConfigurationProperty ServiceProperties bytecount, @Valid @DefaultValue @NestedConfigurationProperty ChatProperties chat,
        @DefaultValue @NestedConfigurationProperty OperatorProperties operator,
        @DefaultValue("0") @Min(0) @Max(1024) int ioThreads) {

    public static final int UPPERCASE_PORT = 12000;

    public static final int BYTECOUNT_PORT = 1060;

    public SocketflowProperties {
        uppercase = uppercase.withDefaultPorts(UPPERCASE_PORT, UPPERCASE_PORT);
        bytecount = bytecount.withDefaultPorts(BYTECOUNT_PORT, BYTECOUNT_PORT);
        chat = chat.withDefaultPort(ChatProperties.CHAT_PORT);
    }

    /** The event loop threads to start: as configured, or one per two CPU cores the JVM may use. */
    public int eventLoopThreads() {
        return (ioThreads > 0) ? ioThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

}
