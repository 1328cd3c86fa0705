package io.socketflow.config;

import java.util.List;

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
        requireOwnPorts("TCP", List.of(new Binding("uppercase.tcp", uppercase.tcp()),
                new Binding("bytecount.tcp", bytecount.tcp()), new Binding("chat.tcp", chat.tcp())));
        requireOwnPorts("UDP", List.of(new Binding("uppercase.udp", uppercase.udp()),
                new Binding("bytecount.udp", bytecount.udp())));
    }

    /**
     * Two enabled listeners of one transport on the same port: the second would fail to bind with a message that
     * blames another process, the process being this one.
     */
    private static void requireOwnPorts(String transport, List<Binding> bindings) {
        for (int i = 0; i < bindings.size(); i++) {
            for (int j = i + 1; j < bindings.size(); j++) {
                Binding one = bindings.get(i);
                Binding other = bindings.get(j);
                if (one.clashesWith(other)) {
                    throw new IllegalArgumentException("socketflow." + one.key() + ".port and socketflow." + other.key()
                            + ".port are both " + transport + " port " + one.port() + " on " + one.address() + " and "
                            + other.address() + "; give each listener its own port");
                }
            }
        }
    }

    /** Where one listener binds, to compare with the others. */
    private record Binding(String key, boolean enabled, int port, String address) {

        Binding(String key, TcpListenerProperties tcp) {
            this(key, tcp.enabled(), tcp.portNumber(), tcp.bindAddress());
        }

        Binding(String key, UdpListenerProperties udp) {
            this(key, udp.enabled(), udp.portNumber(), udp.bindAddress());
        }

        boolean clashesWith(Binding other) {
            return enabled && other.enabled && port != 0 && port == other.port && overlaps(address, other.address);
        }

        /** The same address, or a wildcard that takes the other: {@code ::} takes every address, 0.0.0.0 every IPv4. */
        private static boolean overlaps(String one, String other) {
            return one.equals(other) || isAnyAddress(one, other) || isAnyAddress(other, one);
        }

        private static boolean isAnyAddress(String wildcard, String address) {
            return wildcard.equals("::") || wildcard.equals("0:0:0:0:0:0:0:0")
                    || (wildcard.equals("0.0.0.0") && !address.contains(":"));
        }

    }

    /** The event loop threads to start: as configured, or one per two CPU cores the JVM may use. */
    public int eventLoopThreads() {
        return (ioThreads > 0) ? ioThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

}
