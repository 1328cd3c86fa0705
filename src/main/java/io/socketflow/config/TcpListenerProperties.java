package io.socketflow.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * One TCP listener: {@code socketflow.<service>.tcp.*}.
 *
 * @param enabled whether the listener is started
 * @param port the port; 0 picks a free one (the real one is logged); unset means the service's default
 * @param bindAddress the local address to bind: {@code 0.0.0.0}, {@code ::} (dual stack), {@code 127.0.0.1}
 * @param framing how messages are cut from the stream
 * @param maxMessageBytes the largest message accepted, terminator not counted
 * @param maxConnections open connections allowed; past it a new one is told so and closed
 * @param idleTimeout a connection with no traffic in either direction for this long is closed; 0 = never; a plain
 *     number is seconds
 * @param backlog the accept queue length
 * @param ssl TLS from a Spring Boot SSL bundle; off unless a bundle is named
 * @param proxyProtocol whether every connection must start with a HAProxy PROXY protocol header (v1 or v2), as
 *     sent by a load balancer, whose client address then stands for the connection's
 */
public record TcpListenerProperties(
        @DefaultValue("true") boolean enabled,
        @Min(value = 0, message = "must be between 0 and 65535") @Max(value = 65535, message = "must be between 0 and 65535") @Nullable Integer port,
        @DefaultValue("0.0.0.0") @NotBlank String bindAddress,
        @DefaultValue("text") Framing framing,
        @DefaultValue("64KB") DataSize maxMessageBytes,
        @DefaultValue("10000") @Min(value = 1, message = "must be at least 1") int maxConnections,
        @DefaultValue("5m") @DurationUnit(ChronoUnit.SECONDS) Duration idleTimeout,
        @DefaultValue("1024") @Min(value = 1, message = "must be at least 1") int backlog,
        @Valid @DefaultValue Ssl ssl,
        @DefaultValue("false") boolean proxyProtocol) {

    /** Above this a single message would pin too much memory per connection. */
    static final DataSize LARGEST_MESSAGE = DataSize.ofMegabytes(16);

    public TcpListenerProperties {
        if (maxMessageBytes.toBytes() < 1 || maxMessageBytes.compareTo(LARGEST_MESSAGE) > 0) {
            throw new IllegalArgumentException("max-message-bytes must be between 1B and 16MB, was " + maxMessageBytes);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idle-timeout must be 0 (none) or positive, was " + idleTimeout);
        }
    }

    TcpListenerProperties withDefaultPort(int defaultPort) {
        return (port != null) ? this : new TcpListenerProperties(enabled, defaultPort, bindAddress, framing,
                maxMessageBytes, maxConnections, idleTimeout, backlog, ssl, proxyProtocol);
    }

    /** The port after defaults are applied: 0 means a free port. */
    public int portNumber() {
        return (port != null) ? port : 0;
    }

    public int maxMessageSize() {
        return (int) maxMessageBytes.toBytes();
    }

    /**
     * TLS on a TCP listener: {@code socketflow.<service>.tcp.ssl.*}.
     *
     * @param bundle the name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>.*} or
     *     {@code spring.ssl.bundle.jks.<name>.*}) holding the server's key and certificate, and for client
     *     authentication the certificates it trusts; unset (or blank) means no TLS
     * @param clientAuth whether clients must ({@code need}) or may ({@code want}) present a certificate the bundle
     *     trusts
     * @param handshakeTimeout a client that has not finished the TLS handshake this long after connecting (or after
     *     its PROXY header) is disconnected
     */
    public record Ssl(@Nullable String bundle, @DefaultValue("none") ClientAuth clientAuth,
            @DefaultValue("10s") @DurationUnit(ChronoUnit.SECONDS) Duration handshakeTimeout) {

        public Ssl {
            if (handshakeTimeout.isZero() || handshakeTimeout.isNegative()) {
                throw new IllegalArgumentException("ssl.handshake-timeout must be positive, was " + handshakeTimeout);
            }
            if (clientAuth != ClientAuth.NONE && (bundle == null || bundle.isBlank())) {
                throw new IllegalArgumentException("ssl.client-auth=" + clientAuth.name().toLowerCase(Locale.ROOT)
                        + " needs ssl.bundle: client certificates are only asked for over TLS");
            }
        }

        /** Whether the listener speaks TLS. */
        public boolean isEnabled() {
            return bundle != null && !bundle.isBlank();
        }

    }

    /** Whether a TLS listener asks clients for a certificate. */
    public enum ClientAuth {

        /** No client certificate is asked for. */
        NONE,

        /** A client certificate is asked for; a client without one is still served. */
        WANT,

        /** Only clients presenting a certificate the bundle trusts are served. */
        NEED

    }

}
