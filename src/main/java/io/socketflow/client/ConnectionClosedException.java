package io.socketflow.client;

import java.io.IOException;

/**
 * The server's side of the connection ended (end of stream or reset) while the client still expected bytes,
 * or before the client could send.
 */
final class ConnectionClosedException extends IOException {

    ConnectionClosedException(String message) {
        super(message);
    }

    ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }

}
