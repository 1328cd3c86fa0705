package io.socketflow.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.integration.MessageTimeoutException;

/**
 * A failure the client reports as one line on stderr, with its exit code; never a stack trace.
 */
final class ClientFailure extends RuntimeException {

    private final ExitCode exitCode;

    private ClientFailure(ExitCode exitCode, String message, @Nullable Throwable cause) {
        super(message, cause, false, false);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }

    static ClientFailure unknownHost(String host, UnknownHostException cause) {
        return new ClientFailure(ExitCode.UNKNOWN_HOST, "unknown host: " + host, cause);
    }

    static ClientFailure tlsSetup(String problem, Throwable cause) {
        return new ClientFailure(ExitCode.FAILURE, "cannot set up TLS: " + problem, cause);
    }

    static ClientFailure noReply(Target target, Duration timeout, @Nullable Throwable cause) {
        return new ClientFailure(ExitCode.TIMEOUT, "no reply within " + describe(timeout)
                + " from " + target, cause);
    }

    static ClientFailure refusedByServer(Target target, String why) {
        return new ClientFailure(ExitCode.CONNECTION_REFUSED, "connection refused by the server (" + why + "): " + target,
                null);
    }

    static ClientFailure closedByServer(Target target, @Nullable Throwable cause) {
        return new ClientFailure(ExitCode.CONNECTION_CLOSED, "connection closed by the server: " + target, cause);
    }

    static ClientFailure closedBeforeReply(Target target, Throwable cause) {
        return new ClientFailure(ExitCode.CONNECTION_CLOSED,
                "connection closed by the server before the reply: " + target, cause);
    }

    static ClientFailure localPort(int port, IOException cause) {
        return new ClientFailure(ExitCode.FAILURE, "cannot bind local port " + port + ": " + cause.getMessage(), cause);
    }

    /**
     * What went wrong talking to {@code target}, found in the cause chain of whatever Spring Integration or the
     * socket threw.
     */
    static ClientFailure of(Throwable failure, Target target, Duration timeout) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClientFailure known) {
                return known;
            }
            if (cause instanceof javax.net.ssl.SSLException tls) {
                return new ClientFailure(ExitCode.TLS, "TLS with " + target + " failed: " + tls.getMessage(), failure);
            }
            if (cause instanceof ConnectionClosedException || isClosedByItsReader(cause)) {
                return closedBeforeReply(target, failure);
            }
            if (cause instanceof PortUnreachableException || isRefused(cause)) {
                return new ClientFailure(ExitCode.CONNECTION_REFUSED, "connection refused: " + target, failure);
            }
            if (cause instanceof UnknownHostException unknown) {
                return unknownHost(target.host(), unknown);
            }
            if (cause instanceof MessageTimeoutException) {
                return noReply(target, timeout, failure);
            }
            if (cause instanceof SocketTimeoutException) {
                return new ClientFailure(ExitCode.TIMEOUT, "cannot connect within "
                        + describe(timeout) + ": " + target, failure);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new ClientFailure(ExitCode.FAILURE, "cannot talk to " + target + ": " + root.getMessage(), failure);
    }

    /** A duration the way it is usually typed: {@code 5s}, {@code 300ms}. */
    private static String describe(Duration duration) {
        if (duration.toNanosPart() == 0) {
            return duration.toSeconds() + "s";
        }
        return (duration.toNanosPart() % 1_000_000 == 0) ? duration.toMillis() + "ms"
                : DurationStyle.SIMPLE.print(duration);
    }

    /**
     * A use of the session's socket after its reader closed it at the server's end of stream: the server closed the
     * connection before the message went out (a refusal it sent first was read as no one's reply). The JDK says
     * "Socket closed" for a read or write on it, "Socket is closed" for a setting or a stream taken from it.
     */
    private static boolean isClosedByItsReader(Throwable cause) {
        return cause instanceof SocketException
                && ("Socket closed".equals(cause.getMessage()) || "Socket is closed".equals(cause.getMessage()));
    }

    /** A refused connect; other connect failures (network unreachable) are reported as they are. */
    private static boolean isRefused(Throwable cause) {
        return cause instanceof ConnectException && cause.getMessage() != null
                && cause.getMessage().startsWith("Connection refused");
    }

}
