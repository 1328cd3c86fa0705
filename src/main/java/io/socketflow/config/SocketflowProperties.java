package io.socketflow.config;

import jakarta.validation.Valid;

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
 */
@Validated
@ConfigurationProperties(prefix = "socketflow", ignoreUnknownFields = false)
public record SocketflowProperties(@Valid @NestedConfigurationProperty @DefaultValue ServiceProperties uppercase,
        @Valid @NestedConfigurationProperty @DefaultValue ServiceProperties bytecount,
        @Valid @NestedConfigurationProperty @DefaultValue ChatProperties chat,
        @NestedConfigurationProperty @DefaultValue OperatorProperties operator) {

    public static final int UPPERCASE_PORT = 12000;

    public static final int BYTECOUNT_PORT = 1060;

    public SocketflowProperties {
        uppercase = uppercase.withDefaultPorts(UPPERCASE_PORT, UPPERCASE_PORT);
        bytecount = bytecount.withDefaultPorts(BYTECOUNT_PORT, BYTECOUNT_PORT);
        chat = chat.withDefaultPort(ChatProperties.CHAT_PORT);
    }

}
