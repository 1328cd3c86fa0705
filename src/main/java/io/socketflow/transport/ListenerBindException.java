package io.socketflow.transport;

import java.net.UnknownHostException;

/**
 * A listener could not bind its address and port at start-up; the failure analyzer turns this into a
 * short report naming the service, transport and port, and what to change.
 */
public class ListenerBindException extends RuntimeException {

    /** Why the bind failed, as far as the operator can act on it. */
    public enum Reason {

        /** Another socket holds the port. */
        PORT_IN_USE,

        /** The bind address is not one of this machine's. */
        ADDRESS_NOT_LOCAL,

        /** The bind address is neither an IP address nor a host name that resolves. */
        UNKNOWN_HOST,

        /** The port needs privileges the process lacks (below 1024 for a non-root user). */
        PERMISSION_DENIED,

        OTHER

    }

    private final ListenerId listener;

    private final String bindAddress;

    private final int port;

    private final Reason reason;

    public ListenerBindException(ListenerId listener, String bindAddress, int port, Reason reason, Throwable cause) {
        super("The " + listener + " listener could not bind " + bindAddress + ":" + port + ": " + cause.getMessage(),
                cause);
        this.listener = listener;
        this.bindAddress = bindAddress;
        this.port = port;
        this.reason = reason;
    }

    /**
     * The failure of a bind. The JDK and Netty's native transport both report it as an I/O error whose message is the
     * operating system's ({@code Address already in use}, {@code Cannot assign requested address}, ...).
     */
    static ListenerBindException of(ListenerId listener, String bindAddress, int port, Exception failure) {
        return new ListenerBindException(listener, bindAddress, port, reasonOf(failure), failure);
    }

    private static Reason reasonOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return Reason.UNKNOWN_HOST;
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("in use")) {
                return Reason.PORT_IN_USE;
            }
            if (message.contains("assign requested address")) {
                return Reason.ADDRESS_NOT_LOCAL;
            }
            if (message.contains("Permission denied")) {
                return Reason.PERMISSION_DENIED;
            }
        }
        return Reason.OTHER;
    }

    public ListenerId listener() {
        return listener;
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int port() {
        return port;
    }

    public Reason reason() {
        return reason;
    }

}
