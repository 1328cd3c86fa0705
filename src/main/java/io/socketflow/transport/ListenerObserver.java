package io.socketflow.transport;

/**
 * What a listener reports about its traffic: connections, messages, bytes, processing time, errors. The
 * observability package turns these into meters; the transport knows nothing of how they are kept.
 */
public interface ListenerObserver {

    ListenerObserver NONE = new ListenerObserver() {
    };

    /** Why a listener refused, dropped or failed something; the label values of {@code socketflow_errors_total}. */
    enum Error {

        TOO_LARGE, TOO_MANY_CONNECTIONS, SLOW_CONSUMER, IDLE_TIMEOUT, IO;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

    }

    default void connectionOpened() {
    }

    default void connectionClosed() {
    }

    /** A message was read (a datagram, for UDP). */
    default void messageReceived() {
    }

    /**
     * Application bytes were read from a client, as they crossed the socket: terminators, length headers and bytes
     * of messages that were refused or dropped included; TLS records and a PROXY header not.
     */
    default void bytesReceived(int bytes) {
    }

    default void sent(int messages, int bytes) {
    }

    default void processed(long nanos) {
    }

    default void error(Error error) {
    }

    /** Creates the observer of each listener. */
    interface Factory {

        ListenerObserver observe(ServiceListener listener);

    }

}
