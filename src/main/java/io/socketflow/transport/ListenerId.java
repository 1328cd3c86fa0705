package io.socketflow.transport;

import java.util.Locale;

/**
 * Names one listener: a service on a transport, such as uppercase over TCP.
 *
 * @param service the service name, as in property keys and metric labels ({@code uppercase})
 * @param transport the transport
 */
public record ListenerId(String service, Transport transport) {

    /** A stable bean-name fragment, such as {@code uppercaseTcp}. */
    public String beanName() {
        return service + transport.name().charAt(0) + transport.label().substring(1);
    }

    @Override
    public String toString() {
        return service + " " + transport.name().toUpperCase(Locale.ROOT);
    }

}
