package io.socketflow.transport;

/**
 * The end-of-message bytes a request arrived with; its reply ends with the same.
 */
public enum Terminator {

    NONE(new byte[0]), LF(new byte[] { '\n' }), CRLF(new byte[] { '\r', '\n' });

    private final byte[] bytes;

    Terminator(byte[] bytes) {
        this.bytes = bytes;
    }

    public int length() {
        return bytes.length;
    }

    byte[] bytes() {
        return bytes;
    }

}
