package io.socketflow.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.socketflow.config.Framing;

/**
 * One client invocation, as the command line asked for it.
 *
 * @param protocol which client: {@code tcp}, {@code udp} or {@code chat}
 * @param host the server's host, as written
 * @param port the server's port
 * @param message the message to send; none means stdin lines (tcp)
 * @param framing how TCP messages are framed on the wire
 * @param timeout how long to wait for a connection and for each reply
 * @param bindPort the local UDP port to send from and receive on; 0 picks a free one
 * @param tls how to speak TLS (tcp and chat), or none for plain TCP
 */
record ClientRequest(Protocol protocol, String host, int port, @Nullable String message, Framing framing,
        Duration timeout, int bindPort, @Nullable ClientTls tls) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** The connection factories take whole seconds: the timeout rounded up. */
    int connectTimeoutSeconds() {
        long seconds = timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, seconds);
    }

    enum Protocol {

        TCP, UDP, CHAT

    }

}
