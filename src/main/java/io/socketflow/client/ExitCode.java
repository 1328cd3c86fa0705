package io.socketflow.client;

/**
 * The client's exit codes: one per failure a person or a script needs to tell apart.
 */
enum ExitCode {

    /** Every reply printed; for chat, the session ended because this side left. */
    OK(0),

    /** Any other failure: a local port in use, a network that cannot be reached. */
    FAILURE(1),

    /** The command line is wrong; usage is printed. */
    USAGE(2),

    /** Nothing listens at HOST PORT (for UDP: the port answered with ICMP port unreachable). */
    CONNECTION_REFUSED(3),

    /** HOST does not resolve. */
    UNKNOWN_HOST(4),

    /** No reply (or no connection) within {@code --timeout}. */
    TIMEOUT(5),

    /** The server closed the connection before a reply was complete, or (chat) while this side had not left. */
    CONNECTION_CLOSED(6),

    /** {@code --tls}: the handshake failed (certificate not trusted, wrong host name, not a TLS port). */
    TLS(7);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

}
