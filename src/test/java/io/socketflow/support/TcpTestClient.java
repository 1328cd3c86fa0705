package io.socketflow.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A plain blocking TCP client for tests: sends bytes, reads exact replies, and every read gives up after
 * five seconds so a missing reply fails the test instead of hanging it.
 */
public final class TcpTestClient implements Closeable {

    private static final int READ_TIMEOUT_MILLIS = 5000;

    private final Socket socket;

    private final InputStream input;

    public TcpTestClient(String host, int port) {
        try {
            this.socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            this.input = new BufferedInputStream(socket.getInputStream());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private TcpTestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        this.input = new BufferedInputStream(socket.getInputStream());
    }

    public static TcpTestClient local(int port) {
        return new TcpTestClient("127.0.0.1", port);
    }

    /** A TLS client whose handshake has completed. */
    public static TcpTestClient tls(SSLContext context, String host, int port) {
        return tls(context, host, port, new byte[0]);
    }

    /**
     * A TLS client that first sends {@code preface} in clear (a PROXY protocol header, as a load balancer would) and
     * then completes the TLS handshake on the same connection.
     */
    public static TcpTestClient tls(SSLContext context, String host, int port, byte[] preface) {
        try {
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MILLIS);
            plain.setTcpNoDelay(true);
            plain.setSoTimeout(READ_TIMEOUT_MILLIS);
            plain.getOutputStream().write(preface);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
            socket.startHandshake();
            return new TcpTestClient(socket);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The TLS session, for a client made by {@link #tls}. */
    public SSLSession session() {
        return ((SSLSocket) socket).getSession();
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public TcpTestClient send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public TcpTestClient send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Like the tutorial clients: one {@code recv(1024)}, whatever has arrived. */
    public String receive() {
        try {
            byte[] buffer = new byte[1024];
            int read = input.read(buffer, 0, Math.max(1, Math.min(buffer.length, input.available())));
            if (read > 0 && input.available() > 0) {
                read += input.read(buffer, read, Math.min(buffer.length - read, input.available()));
            }
            return (read < 0) ? null : new String(buffer, 0, read, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Reads whatever has arrived into the buffer, at least one byte; -1 once the server has closed. */
    public int readSome(byte[] buffer) {
        try {
            return input.read(buffer);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Reads exactly {@code count} bytes. */
    public byte[] read(int count) {
        try {
            byte[] bytes = input.readNBytes(count);
            if (bytes.length < count) {
                throw new IllegalStateException("Connection closed after " + bytes.length + " of " + count
                        + " bytes: " + new String(bytes, StandardCharsets.UTF_8));
            }
            return bytes;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public String readText(int count) {
        return new String(read(count), StandardCharsets.UTF_8);
    }

    /** Reads up to and including the next LF. */
    public String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = input.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
            }
            throw new IllegalStateException("Connection closed before a line ended: " + line);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Everything until the server closes the connection. */
    public byte[] readToEnd() {
        try {
            return input.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Everything until the server closes the connection, waiting up to {@code patience} for each read. */
    public byte[] readToEnd(Duration patience) {
        try {
            socket.setSoTimeout((int) patience.toMillis());
            try {
                return readToEnd();
            }
            finally {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Whether the server has closed the connection: reading yields end of stream or a reset, not a timeout. */
    public boolean closedByServer() {
        try {
            return input.read() < 0;
        }
        catch (SocketTimeoutException ex) {
            return false;
        }
        catch (IOException ex) {
            return true;
        }
    }

    /** Reads and drops whatever is waiting, then tells whether the server has closed the connection. */
    public boolean closedByServerAfterDraining() {
        try {
            byte[] buffer = new byte[64 * 1024];
            socket.setSoTimeout(200);
            try {
                while (input.read(buffer) >= 0) {
                    // keep draining
                }
                return true;
            }
            finally {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            }
        }
        catch (SocketTimeoutException ex) {
            return false;
        }
        catch (IOException ex) {
            return true;
        }
    }

    /** Length-prefix framing: sends a 4-byte big-endian length and the payload. */
    public TcpTestClient sendFrame(byte[] payload) {
        int n = payload.length;
        byte[] frame = Arrays.copyOf(new byte[] { (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n },
                4 + n);
        System.arraycopy(payload, 0, frame, 4, n);
        return send(frame);
    }

    public byte[] readFrame() {
        byte[] header = read(4);
        int length = ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        return read(length);
    }

    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Closes with a reset instead of a FIN. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
