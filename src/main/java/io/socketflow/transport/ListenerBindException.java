package io.socketflow.transport;

import java.net.BindException;

/**
 * A listener could not bind its address and port at start-up; the failure analyzer turns this into a
 * short report naming the service, transport and port.
 */
public class ListenerBindException extends RuntimeException {

    private final ListenerId listener;

    private final String bindAddress;

    private final int port;

    public ListenerBindException(ListenerId listener, String bindAddress, int port, Throwable cause) {
        super("The " + listener + " listener could not bind " + bindAddress + ":" + port + ": " + cause.getMessage(),
                cause);
        this.listener = listener;
        this.bindAddress = bindAddress;
        this.port = port;
    }

    /**
     * The failure of a bind. Netty's native transport reports a port in use, or an address not on this host, as a
     * plain I/O error; it becomes the {@link BindException} the JDK would have thrown.
     */
    static ListenerBindException of(ListenerId listener, String bindAddress, int port, Exception failure) {
        String message = String.valueOf(failure.getMessage());
        Throwable cause = failure;
        if (!(failure instanceof BindException) && (message.contains("in use") || message.contains("assign requested"))) {
            cause = new BindException(message).initCause(failure);
        }
        return new ListenerBindException(listener, bindAddress, port, cause);
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

}
