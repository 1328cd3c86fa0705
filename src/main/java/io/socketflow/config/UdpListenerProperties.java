package io.socketflow.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One UDP listener: {@code socketflow.<service>.udp.*}.
 *
 * @param enabled whether the listener is started
 * @param port the port; 0 picks a free one (the real one is logged); unset means the service's default
 * @param bindAddress the local address to bind
 */
public record UdpListenerProperties(
        @DefaultValue("true") boolean enabled,
        @Min(value = 0, message = "must be between 0 and 65535") @Max(value = 65535, message = "must be between 0 and 65535") @Nullable Integer port,
        @DefaultValue("0.0.0.0") @NotBlank String bindAddress) {

    UdpListenerProperties withDefaultPort(int defaultPort) {
        return (port != null) ? this : new UdpListenerProperties(enabled, defaultPort, bindAddress);
    }

    public int portNumber() {
        return (port != null) ? port : 0;
    }

}
