package io.socketflow.client;

/**
 * The command line cannot be understood; the message says why, and usage follows it on stderr.
 */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message, null, false, false);
    }

}
