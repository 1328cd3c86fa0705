package io.socketflow.transport;

import java.util.Locale;

/**
 * The two transports a service listens on.
 */
public enum Transport {

    TCP, UDP;

    /** The lower-case name used in property keys and metric labels. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

}
