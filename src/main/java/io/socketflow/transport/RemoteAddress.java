package io.socketflow.transport;

/**
 * Formats a peer as {@code host:port}, with IPv6 hosts in brackets ({@code [::1]:5000}).
 */
public final class RemoteAddress {

    private RemoteAddress() {
    }

    public static String of(String host, int port) {
        return (host.indexOf(':') >= 0) ? "[" + host + "]:" + port : host + ":" + port;
    }

}
