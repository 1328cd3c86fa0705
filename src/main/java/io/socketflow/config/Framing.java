package io.socketflow.config;

/**
 * How a TCP listener cuts the byte stream into messages.
 */
public enum Framing {

    /** A message ends at LF (an optional CR before it belongs to the terminator) or where the arrived bytes end. */
    TEXT,

    /** Only LF or CRLF ends a message; a partial line waits for the rest. */
    LINE,

    /** A 4-byte big-endian length, then that many bytes; replies are framed the same way. */
    LENGTH_PREFIX

}
