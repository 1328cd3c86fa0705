package io.socketflow.transport;

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
