package io.socketflow.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.socketflow.transport.ProxyProtocol.MalformedProxyHeaderException;
import io.socketflow.transport.ProxyProtocol.ProxyHeader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The PROXY protocol header parser on its own: every header it accepts, and the ways a header can be wrong.
 */
class ProxyProtocolTest {

    private static final byte[] NEXT = "hello\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void v1Tcp4NamesTheClientAndLeavesTheNextBytesUnread() throws IOException {
        InputStream input = stream(ascii("PROXY TCP4 203.0.113.7 192.0.2.1 51234 12000\r\n"), NEXT);
        assertThat(ProxyProtocol.read(input).client()).isEqualTo(address("203.0.113.7", 51234));
        assertThat(input.readAllBytes()).isEqualTo(NEXT);
    }

    @Test
    void v1Tcp6NamesTheClient() throws IOException {
        InputStream input = stream(ascii("PROXY TCP6 2001:db8::7 2001:db8::1 4000 8080\r\n"), NEXT);
        assertThat(ProxyProtocol.read(input).client()).isEqualTo(address("2001:db8::7", 4000));
        assertThat(input.readAllBytes()).isEqualTo(NEXT);
    }

    @Test
    void v1Tcp6AcceptsFullAndIpv4MappedForms() throws IOException {
        assertThat(read("PROXY TCP6 2001:0db8:0000:0000:0000:0000:0000:0007 ::1 65535 1\r\n").client())
                .isEqualTo(address("2001:db8::7", 65535));
        assertThat(read("PROXY TCP6 ::ffff:198.51.100.9 ::1 0 1\r\n").client())
                .isEqualTo(address("198.51.100.9", 0));
    }

    @Test
    void v1UnknownKeepsTheSocketsOwnAddressAndIgnoresTheRest() throws IOException {
        assertThat(read("PROXY UNKNOWN\r\n")).isEqualTo(ProxyHeader.NO_CLIENT);
        InputStream input = stream(ascii("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n"), NEXT);
        assertThat(ProxyProtocol.read(input)).isEqualTo(ProxyHeader.NO_CLIENT);
        assertThat(input.readAllBytes()).isEqualTo(NEXT);
    }

    @Test
    void v1HeaderOfTheLongestAllowedLengthIsRead() throws IOException {
        String longest = "PROXY TCP6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 65535 65535\r\n";
        assertThat(longest).hasSize(ProxyProtocol.V1_MAX_LENGTH - 3);
        String padded = "PROXY UNKNOWN " + "x".repeat(ProxyProtocol.V1_MAX_LENGTH - 16) + "\r\n";
        assertThat(padded).hasSize(ProxyProtocol.V1_MAX_LENGTH);
        assertThat(read(longest).client().getPort()).isEqualTo(65535);
        assertThat(read(padded)).isEqualTo(ProxyHeader.NO_CLIENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "hello\n", "GET / HTTP/1.1\r\n", "proxy TCP4 1.2.3.4 5.6.7.8 1 2\r\n", "PROXY\r\n", "PROXY \r\n",
            "PROXYTCP4 1.2.3.4 5.6.7.8 1 2\r\n", "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n", "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\r\n",
            "PROXY TCP5 1.2.3.4 5.6.7.8 1 2\r\n", "PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n", "PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 3\r\n", "PROXY TCP4  1.2.3.4 5.6.7.8 1 2\r\n", "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 \r\n",
            "PROXY TCP4 1.2.3.256 5.6.7.8 1 2\r\n", "PROXY TCP4 1.2.3 5.6.7.8 1 2\r\n", "PROXY TCP4 1.2.3.4.5 5.6.7.8 1 2\r\n",
            "PROXY TCP4 1.2.3.-4 5.6.7.8 1 2\r\n", "PROXY TCP4 1.2..4 5.6.7.8 1 2\r\n", "PROXY TCP4 1.2.3.4 5.6.7 1 2\r\n",
            "PROXY TCP4 localhost 5.6.7.8 1 2\r\n", "PROXY TCP4 ::1 5.6.7.8 1 2\r\n", "PROXY TCP4 1.2.3.4 5.6.7.8 65536 2\r\n",
            "PROXY TCP4 1.2.3.4 5.6.7.8 +1 2\r\n", "PROXY TCP4 1.2.3.4 5.6.7.8 -1 2\r\n", "PROXY TCP4 1.2.3.4 5.6.7.8 0x10 2\r\n",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 999999\r\n", "PROXY TCP4 1.2.3.4 5.6.7.8  2\r\n",
            "PROXY TCP6 1.2.3.4 ::1 1 2\r\n", "PROXY TCP6 example.com ::1 1 2\r\n", "PROXY TCP6 abcd ::1 1 2\r\n",
            "PROXY TCP6 .:: ::1 1 2\r\n", "PROXY TCP6 ::1%lo ::1 1 2\r\n", "PROXY TCP6 1:2:3:4:5:6:7:8:9 ::1 1 2\r\n",
            "PROXY TCP6 ::g ::1 1 2\r\n", "PROXY TCP6 [::1] ::1 1 2\r\n", "PROXY TCP6 :::1 ::1 1 2\r\n", "PROXY TCP6 ::1 ::1 1 2 \r\n",
            "PROXY UNKNOWNX\r\n", "PROXY TCP4 1.2.3.4\u00e9 5.6.7.8 1 2\r\n", "PROXY TCP4 1.2.3.4\t5.6.7.8 1 2\r\n",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\u0000\r\n" })
    void malformedV1HeaderIsRejected(String header) {
        assertThatExceptionOfType(MalformedProxyHeaderException.class)
                .isThrownBy(() -> ProxyProtocol.read(stream(header.getBytes(StandardCharsets.ISO_8859_1))));
    }

    @Test
    void v1HeaderWithoutCrlfWithinTheLimitIsRejectedWithoutReadingOn() throws IOException {
        byte[] endless = ("PROXY UNKNOWN " + "x".repeat(500)).getBytes(StandardCharsets.US_ASCII);
        InputStream input = stream(endless);
        assertThatExceptionOfType(MalformedProxyHeaderException.class).isThrownBy(() -> ProxyProtocol.read(input))
                .withMessageContaining("at most 107 bytes");
        assertThat(input.readAllBytes()).hasSize(endless.length - ProxyProtocol.V1_MAX_LENGTH);
    }

    @Test
    void nonHeaderIsRejectedAtItsFirstWrongByte() throws IOException {
        InputStream input = stream(ascii("PING everything after this stays unread\n"));
        assertThatExceptionOfType(MalformedProxyHeaderException.class).isThrownBy(() -> ProxyProtocol.read(input))
                .withMessageContaining("does not start with a PROXY header");
        assertThat(new String(input.readAllBytes(), StandardCharsets.US_ASCII)).startsWith("NG everything");
    }

    @ParameterizedTest
    @ValueSource(strings = { "P", "PROXY TCP4 1.2.3.4 5.6.7.8 1 2", "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r" })
    void streamEndingInsideAV1HeaderIsRejected(String truncated) {
        assertThatExceptionOfType(MalformedProxyHeaderException.class)
                .isThrownBy(() -> ProxyProtocol.read(stream(ascii(truncated))));
    }

    @Test
    void streamEndingBeforeItsFirstByteIsNoMalformedHeaderButAnEndOfStream() {
        assertThatExceptionOfType(EOFException.class).isThrownBy(() -> ProxyProtocol.read(stream(new byte[0])))
                .isNotInstanceOf(MalformedProxyHeaderException.class);
    }

    @Test
    void v2Tcp4NamesTheClientAndLeavesTheNextBytesUnread() throws IOException {
        byte[] header = v2(0x21, 0x11, concat(ip("203.0.113.7"), ip("192.0.2.1"), port(51234), port(12000)));
        InputStream input = stream(header, NEXT);
        assertThat(ProxyProtocol.read(input).client()).isEqualTo(address("203.0.113.7", 51234));
        assertThat(input.readAllBytes()).isEqualTo(NEXT);
    }

    @Test
    void v2Tcp6NamesTheClient() throws IOException {
        byte[] header = v2(0x21, 0x21, concat(ip("2001:db8::7"), ip("2001:db8::1"), port(4000), port(8080)));
        assertThat(ProxyProtocol.read(stream(header, NEXT)).client()).isEqualTo(address("2001:db8::7", 4000));
    }

    @Test
    void v2TlvsAfterTheAddressesAreReadAndSkipped() throws IOException {
        byte[] alpn = { 0x01, 0x00, 0x02, 'h', '2' };
        byte[] authority = concat(new byte[] { 0x02, 0x00, 0x0B }, ascii("example.com"));
        byte[] noop = { 0x04, 0x00, 0x03, 0, 0, 0 };
        byte[] header = v2(0x21, 0x11, concat(ip("203.0.113.7"), ip("192.0.2.1"), port(1), port(2), alpn, authority, noop));
        InputStream input = stream(header, NEXT);
        assertThat(ProxyProtocol.read(input).client()).isEqualTo(address("203.0.113.7", 1));
        assertThat(input.readAllBytes()).isEqualTo(NEXT);
    }

    @Test
    void v2LocalKeepsTheSocketsOwnAddressWhateverItCarries() throws IOException {
        assertThat(ProxyProtocol.read(stream(v2(0x20, 0x00, new byte[0]), NEXT))).isEqualTo(ProxyHeader.NO_CLIENT);
        byte[] withAddresses = v2(0x20, 0x11, concat(ip("203.0.113.7"), ip("192.0.2.1"), port(1), port(2)));
        InputStream input = stream(withAddresses, NEXT);
        assertThat(ProxyProtocol.read(input)).isEqualTo(ProxyHeader.NO_CLIENT);
        assertThat(input.readAllBytes()).isEqualTo(NEXT);
    }

    @Test
    void v2UnspecifiedAndUnixFamiliesKeepTheSocketsOwnAddress() throws IOException {
        assertThat(ProxyProtocol.read(stream(v2(0x21, 0x00, new byte[0])))).isEqualTo(ProxyHeader.NO_CLIENT);
        InputStream input = stream(v2(0x21, 0x31, new byte[216]), NEXT);
        assertThat(ProxyProtocol.read(input)).isEqualTo(ProxyHeader.NO_CLIENT);
        assertThat(input.readAllBytes()).isEqualTo(NEXT);
    }

    @Test
    void v2WithTheLargestLengthIsReadWhole() throws IOException {
        byte[] addresses = Arrays.copyOf(concat(ip("203.0.113.7"), ip("192.0.2.1"), port(7), port(2)), 65535);
        InputStream input = stream(v2(0x21, 0x11, addresses), NEXT);
        assertThat(ProxyProtocol.read(input).client()).isEqualTo(address("203.0.113.7", 7));
        assertThat(input.readAllBytes()).isEqualTo(NEXT);
    }

    @Test
    void malformedV2HeaderIsRejected() {
        byte[] tcp4 = concat(ip("203.0.113.7"), ip("192.0.2.1"), port(1), port(2));
        byte[] wrongSignature = v2(0x21, 0x11, tcp4);
        wrongSignature[6] = 0x0B;
        byte[][] malformed = {
                wrongSignature,
                v2(0x11, 0x11, tcp4), // version 1 in binary form
                v2(0x31, 0x11, tcp4), // version 3
                v2(0x22, 0x11, tcp4), // command 2
                v2(0x21, 0x41, tcp4), // family 4
                v2(0x21, 0x13, tcp4), // transport 3
                v2(0x21, 0x12, tcp4), // IPv4 datagram on a TCP connection
                v2(0x21, 0x11, Arrays.copyOf(tcp4, 11)), // too short for IPv4
                v2(0x21, 0x21, tcp4), // IPv4-sized addresses under the IPv6 family
                Arrays.copyOf(v2(0x21, 0x11, tcp4), 20), // stream ends inside the addresses
                Arrays.copyOf(v2(0x21, 0x11, tcp4), 14), // stream ends inside the fixed part
                Arrays.copyOf(v2(0x21, 0x11, tcp4), 1),
        };
        for (byte[] header : malformed) {
            assertThatExceptionOfType(MalformedProxyHeaderException.class)
                    .as(Arrays.toString(header)).isThrownBy(() -> ProxyProtocol.read(stream(header)));
        }
    }

    @Test
    void bytesThatStartLikeAV2SignatureAreRefusedAtTheFirstWrongByte() throws IOException {
        InputStream input = stream(new byte[] { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, (byte) 0xFF }, NEXT);
        assertThatExceptionOfType(MalformedProxyHeaderException.class).isThrownBy(() -> ProxyProtocol.read(input))
                .withMessageContaining("does not start with a PROXY header");
        assertThat(input.readAllBytes()).isEqualTo(NEXT);
    }

    @Test
    void v2LengthLongerThanTheBytesSentIsRejectedAtEndOfStream() {
        byte[] header = v2(0x21, 0x11, concat(ip("203.0.113.7"), ip("192.0.2.1"), port(1), port(2)));
        header[14] = (byte) 200;
        assertThatExceptionOfType(MalformedProxyHeaderException.class)
                .isThrownBy(() -> ProxyProtocol.read(stream(header))).withMessageContaining("ended inside");
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButMalformedOrAHeader() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[1 + random.nextInt(120)];
            random.nextBytes(junk);
            if (i % 3 == 0 && junk.length > 16) {
                System.arraycopy(v2(0x21, 0x11, new byte[0]), 0, junk, 0, 13);
            }
            else if (i % 3 == 1 && junk.length > 6) {
                System.arraycopy(ascii("PROXY "), 0, junk, 0, 6);
            }
            try {
                ProxyProtocol.read(stream(junk));
            }
            catch (MalformedProxyHeaderException expected) {
                // the only failure allowed
            }
            catch (IOException | RuntimeException ex) {
                throw new AssertionError("Unexpected " + ex + " for " + Arrays.toString(junk), ex);
            }
        }
    }

    private static ProxyHeader read(String header) throws IOException {
        return ProxyProtocol.read(stream(ascii(header)));
    }

    static byte[] v2(int versionAndCommand, int familyAndTransport, byte[] addresses) {
        byte[] signature = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };
        return concat(signature, new byte[] { (byte) versionAndCommand, (byte) familyAndTransport },
                port(addresses.length), addresses);
    }

    static byte[] ip(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        }
        catch (IOException ex) {
            throw new IllegalArgumentException(ex);
        }
    }

    static byte[] port(int port) {
        return new byte[] { (byte) (port >>> 8), (byte) port };
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return bytes.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static InputStream stream(byte[]... parts) {
        return new ByteArrayInputStream(concat(parts));
    }

    private static InetSocketAddress address(String literal, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip(literal)), port);
        }
        catch (IOException ex) {
            throw new IllegalArgumentException(ex);
        }
    }

}
