package io.socketflow.transport;

/**
 * A TCP listener's TLS settings cannot work (its SSL bundle is missing or lacks what the listener needs); the failure
 * analyzer turns this into a short report naming the setting to fix.
 */
public class ListenerTlsException extends RuntimeException {

    private final ListenerId listener;

    private final String action;

    ListenerTlsException(ListenerId listener, String bundleName, String problem, String action) {
        super("The " + listener + " listener cannot use SSL bundle '" + bundleName + "' (socketflow."
                + listener.service() + "." + listener.transport().label() + ".ssl.bundle): " + problem + ".");
        this.listener = listener;
        this.action = action;
    }

    public ListenerId listener() {
        return listener;
    }

    public String action() {
        return action;
    }

}
