package io.socketflow.transport;

/**
 * What health, metrics and the status page need to know about one listening socket.
 */
public interface ServiceListener {

    ListenerId id();

    String bindAddress();

    /** The port actually bound (the free port picked when 0 was configured). */
    int port();

    boolean isListening();

}
