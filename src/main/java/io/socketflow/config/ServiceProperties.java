package io.socketflow.config;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The listeners of one request/reply service ({@code uppercase}, {@code bytecount}).
 *
 * @param tcp the TCP listener
 * @param udp the UDP listener
 */
public record ServiceProperties(@Valid @NestedConfigurationProperty @DefaultValue TcpListenerProperties tcp,
        @Valid @NestedConfigurationProperty @DefaultValue UdpListenerProperties udp) {

    ServiceProperties withDefaultPorts(int tcpPort, int udpPort) {
        return new ServiceProperties(tcp.withDefaultPort(tcpPort), udp.withDefaultPort(udpPort));
    }

}
