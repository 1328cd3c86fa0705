package io.socketflow.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Reads the HAProxy PROXY protocol header (version 1, text, or version 2, binary) that a load balancer sends before
 * the client's first byte, and reads nothing past it, so what follows (a TLS handshake, the first message) is left
 * on the socket untouched.
 *
 * <p>Written by hand: Spring Integration has no PROXY protocol support, and Netty's codec-haproxy decodes Netty
 * buffers in a channel pipeline, not a blocking socket stream that must not be read past the header.
 *
 * @see <a href="https://www.haproxy.org/download/3.0/doc/proxy-protocol.txt">The PROXY protocol</a>
 */
final class ProxyProtocol {

    /** How long a client has, from accept, to send its whole header. */
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(5);

    /** The longest version 1 header, CRLF included. */
    static final int V1_MAX_LENGTH = 107;

    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };

    /** The fixed part of a version 2 header: signature, version and command, family and transport, length. */
    private static final int V2_FIXED_LENGTH = 16;

    private static final int V2_LOCAL = 0x0;

    private static final int V2_PROXY = 0x1;

    private static final int V2_UNSPEC = 0x0;

    private static final int V2_INET = 0x1;

    private static final int V2_INET6 = 0x2;

    private static final int V2_UNIX = 0x3;

    private static final int V2_STREAM = 0x1;

    private static final int V2_DGRAM = 0x2;

    private ProxyProtocol() {
    }

    /**
     * Reads exactly one header from the input.
     *
     * @return the header; its client is absent when the proxy reports none (v1 {@code UNKNOWN}, v2 {@code LOCAL},
     *     or an address family that cannot name a TCP peer)
     * @throws MalformedProxyHeaderException when the bytes are not a valid header, or the stream ends inside one
     * @throws EOFException when the stream ends before its first byte
     * @throws IOException when reading the socket fails
     */
    static ProxyHeader read(InputStream input) throws IOException {
        int first = input.read();
        if (first == V1_PREFIX[0]) {
            return readV1(input);
        }
        if (first == V2_SIGNATURE[0]) {
            return readV2(input);
        }
        if (first < 0) {
            throw new EOFException("the connection ended before a PROXY header");
        }
        throw new MalformedProxyHeaderException("the connection does not start with a PROXY header");
    }

    private static ProxyHeader readV1(InputStream input) throws IOException {
        byte[] line = new byte[V1_MAX_LENGTH];
        line[0] = V1_PREFIX[0];
        int length = 1;
        while (length < 2 || line[length - 1] != '\n') {
            if (length == V1_MAX_LENGTH) {
                throw new MalformedProxyHeaderException("a PROXY v1 header is at most " + V1_MAX_LENGTH + " bytes");
            }
            int next = input.read();
            if (next < 0) {
                throw new MalformedProxyHeaderException("the connection ended inside the PROXY header");
            }
            if (length < V1_PREFIX.length && next != V1_PREFIX[length]) {
                throw new MalformedProxyHeaderException("the connection does not start with a PROXY header");
            }
            if ((next < 0x20 || next > 0x7E) && next != '\r' && next != '\n') {
                throw new MalformedProxyHeaderException("a PROXY v1 header is printable US-ASCII");
            }
            line[length++] = (byte) next;
        }
        if (line[length - 2] != '\r') {
            throw new MalformedProxyHeaderException("a PROXY v1 header ends with CRLF");
        }
        return parseV1(new String(line, V1_PREFIX.length, length - 2 - V1_PREFIX.length, StandardCharsets.US_ASCII));
    }

    /** Parses what follows {@code "PROXY "} up to the CRLF. */
    private static ProxyHeader parseV1(String fields) throws MalformedProxyHeaderException {
        if (fields.equals("UNKNOWN") || fields.startsWith("UNKNOWN ")) {
            // Whatever follows UNKNOWN is to be ignored: the proxy does not know the client.
            return ProxyHeader.NO_CLIENT;
        }
        String[] parts = fields.split(" ", -1);
        boolean ipv4 = parts[0].equals("TCP4");
        if (!ipv4 && !parts[0].equals("TCP6")) {
            throw new MalformedProxyHeaderException("a PROXY v1 header names TCP4, TCP6 or UNKNOWN, not '" + parts[0] + "'");
        }
        if (parts.length != 5) {
            throw new MalformedProxyHeaderException(
                    "a PROXY v1 " + parts[0] + " header has a source and destination address and port, one space apart");
        }
        InetAddress source = ipv4 ? ipv4Literal(parts[1]) : ipv6Literal(parts[1]);
        if (ipv4) {
            ipv4Literal(parts[2]);
        }
        else {
            ipv6Literal(parts[2]);
        }
        int sourcePort = port(parts[3]);
        port(parts[4]);
        return new ProxyHeader(new InetSocketAddress(source, sourcePort));
    }

    private static InetAddress ipv4Literal(String text) throws MalformedProxyHeaderException {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            throw new MalformedProxyHeaderException("'" + text + "' is not an IPv4 address");
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value = decimal(octets[i], 3);
            if (value < 0 || value > 255) {
                throw new MalformedProxyHeaderException("'" + text + "' is not an IPv4 address");
            }
            address[i] = (byte) value;
        }
        return byAddress(address);
    }

    private static InetAddress ipv6Literal(String text) throws MalformedProxyHeaderException {
        // Only hex digits, colons and dots, at least one colon, and not starting with a dot: InetAddress parses
        // such a string as an IPv6 literal and never asks a name resolver.
        boolean literal = text.indexOf(':') >= 0 && !text.startsWith(".") && text.length() <= 45;
        for (int i = 0; literal && i < text.length(); i++) {
            char c = text.charAt(i);
            literal = Character.digit(c, 16) >= 0 || c == ':' || c == '.';
        }
        if (!literal) {
            throw new MalformedProxyHeaderException("'" + text + "' is not an IPv6 address");
        }
        try {
            return InetAddress.getByName(text);
        }
        catch (UnknownHostException ex) {
            throw new MalformedProxyHeaderException("'" + text + "' is not an IPv6 address");
        }
    }

    private static int port(String text) throws MalformedProxyHeaderException {
        int port = decimal(text, 5);
        if (port < 0 || port > 65535) {
            throw new MalformedProxyHeaderException("'" + text + "' is not a port");
        }
        return port;
    }

    /** The value of 1 to {@code maxDigits} ASCII digits, or -1. */
    private static int decimal(String text, int maxDigits) {
        if (text.isEmpty() || text.length() > maxDigits) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static ProxyHeader readV2(InputStream input) throws IOException {
        // Byte by byte, so that bytes that are no header are refused at the first wrong one instead of waited for.
        for (int i = 1; i < V2_SIGNATURE.length; i++) {
            int next = input.read();
            if (next < 0) {
                throw new MalformedProxyHeaderException("the connection ended inside the PROXY header");
            }
            if (next != V2_SIGNATURE[i]) {
                throw new MalformedProxyHeaderException("the connection does not start with a PROXY header");
            }
        }
        byte[] fixed = readExactly(input, V2_FIXED_LENGTH - V2_SIGNATURE.length);
        int version = (fixed[0] & 0xF0) >>> 4;
        int command = fixed[0] & 0x0F;
        int family = (fixed[1] & 0xF0) >>> 4;
        int transport = fixed[1] & 0x0F;
        int length = ((fixed[2] & 0xFF) << 8) | (fixed[3] & 0xFF);
        if (version != 2) {
            throw new MalformedProxyHeaderException("PROXY protocol version " + version + " is not supported");
        }
        if (command != V2_LOCAL && command != V2_PROXY) {
            throw new MalformedProxyHeaderException("PROXY v2 command " + command + " is neither LOCAL nor PROXY");
        }
        if (family > V2_UNIX || transport > V2_DGRAM) {
            throw new MalformedProxyHeaderException("PROXY v2 address family " + family + " or transport " + transport
                    + " is not defined");
        }
        // The addresses and any TLVs after them are read in full, so nothing of the header is left on the socket.
        byte[] addresses = readExactly(input, length);
        if (command == V2_LOCAL || family == V2_UNSPEC || family == V2_UNIX) {
            // A health check from the proxy itself, or a client that has no IP address: the socket's own peer stands.
            return ProxyHeader.NO_CLIENT;
        }
        if (transport != V2_STREAM) {
            throw new MalformedProxyHeaderException("a PROXY v2 header on a TCP connection describes a stream");
        }
        int addressLength = (family == V2_INET) ? 4 : 16;
        if (length < 2 * addressLength + 4) {
            throw new MalformedProxyHeaderException("a PROXY v2 " + ((family == V2_INET) ? "IPv4" : "IPv6")
                    + " header has " + (2 * addressLength + 4) + " address bytes, this one " + length);
        }
        byte[] source = new byte[addressLength];
        System.arraycopy(addresses, 0, source, 0, addressLength);
        int sourcePort = ((addresses[2 * addressLength] & 0xFF) << 8) | (addresses[2 * addressLength + 1] & 0xFF);
        return new ProxyHeader(new InetSocketAddress(byAddress(source), sourcePort));
    }

    private static byte[] readExactly(InputStream input, int length) throws IOException {
        byte[] bytes = input.readNBytes(length);
        if (bytes.length < length) {
            throw new MalformedProxyHeaderException("the connection ended inside the PROXY header");
        }
        return bytes;
    }

    private static InetAddress byAddress(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException("An address of " + address.length + " bytes is always valid", ex);
        }
    }

    /**
     * A PROXY protocol header, as far as this service needs it.
     *
     * @param client the client's address and port as the proxy saw them; null when the proxy reports none
     */
    record ProxyHeader(@Nullable InetSocketAddress client) {

        static final ProxyHeader NO_CLIENT = new ProxyHeader(null);

    }

    /** The bytes at the start of a connection are not a valid PROXY protocol header. */
    static final class MalformedProxyHeaderException extends IOException {

        MalformedProxyHeaderException(String message) {
            super(message);
        }

    }

}
