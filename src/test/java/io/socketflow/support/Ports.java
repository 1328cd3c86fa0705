package io.socketflow.support;

import java.util.List;

import io.socketflow.transport.ServiceListener;
import io.socketflow.transport.Transport;

/**
 * The ports the listeners of a test application actually bound.
 */
public final class Ports {

    private Ports() {
    }

    public static int of(List<ServiceListener> listeners, String service, Transport transport) {
        return listeners.stream()
                .filter(listener -> listener.id().service().equals(service) && listener.id().transport() == transport)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + service + " " + transport + " listener"))
                .port();
    }

}
