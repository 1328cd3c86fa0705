package io.socketflow.client;

import java.net.InetAddress;

/**
 * Where the client talks to: the host as the user wrote it, its address, and the port.
 *
 * @param host the host as given on the command line, used in messages
 * @param address the host's address; connections go to it, so a name is resolved once
 * @param port the server's port
 */
record Target(String host, InetAddress address, int port) {

    /** The address as a literal, which the adapters take without resolving it again. */
    String hostAddress() {
        return address.getHostAddress();
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

}
