package io.socketflow.transport;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * One accepted connection as Spring Integration sees it, over a Netty channel: messages the channel's
 * {@link FrameDecoder} cuts go to the listener (the inbound gateway or adapter) on the channel's event loop; replies go
 * back through the same channel. The connection answers to its listener's {@link ConnectionGuard}: it is admitted
 * against {@code max-connections}, notes its traffic for the idle timeout and the meters, answers an oversized message
 * with an error, and closes after a reply that says so.
 *
 * <p>Replies written on the event loop while a read burst is being handled are gathered in one buffer and written
 * once, when the burst ends, as a hand-tuned Netty server does in {@code channelReadComplete}. Replies from other
 * threads are flushed at once, and the writer waits while the channel is over its write watermark, so a client that
 * does not read holds up its writer, like a blocking socket, instead of growing the server's memory.
 */
final class ChannelConnection implements TcpConnection, ReaderHooks, WriteReadiness {

    private static final Log logger = LogFactory.getLog(ChannelConnection.class);

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static final VarHandle CLOSING;

    static {
        try {
            CLOSING = MethodHandles.lookup().findVarHandle(ChannelConnection.class, "closing", boolean.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /**
     * How long a connection closed while its last bytes are still on their way (the client does not read, such as a
     * chat member dropped as too slow) waits for the client to read them before it is dropped.
     */
    private static final long CLOSE_LINGER_MILLIS = 10_000;

    /** The same wait in a graceful shutdown, which must end within the shutdown's own bound. */
    private static final long SHUTDOWN_LINGER_MILLIS = 2000;

    private final Channel channel;

    private final FramingCodec codec;

    private final ConnectionGuard guard;

    private final ConnectionOwner owner;

    private final @Nullable TcpListener listener;

    private final String connectionId;

    private final String hostAddress;

    private final int port;

    private final Executor blockingWork;

    private final Map<String, Object> messageHeaders;

    /**
     * Whether the event loop is handling a read burst, so its replies wait for the burst's end to be flushed. Event
     * loop only: other threads check that they are not on it before reading this.
     */
    private boolean inReadBurst;

    /** The replies written during the current read burst, all sent in one write when it ends. Event loop only. */
    private @Nullable ByteBuf burstReplies;

    /** The current read burst's timestamp and message timing. Event loop only. */
    private final BurstClock burstClock = new BurstClock();

    private volatile boolean closing;

    /**
     * Whether the client ended the connection (its end of input, a reset) before the server closed it: failures after
     * that are the client's.
     */
    private volatile boolean endedByClient;

    /** When bytes last went either way, for the idle timeout. */
    private volatile long lastActivityNanos = System.nanoTime();

    private volatile @Nullable Runnable beforeCloseAtEndOfInput;

    private volatile @Nullable Runnable lastWordWhenIdle;

    /** Whether the owner has paused reading ({@link #pauseReading()}). Event loop only. */
    private boolean readingPaused;

    /** What waits for the channel to take output again. Event loop only. */
    private @Nullable Runnable whenWritable;

    /**
     * @param client the client as the PROXY header names it, or null for the channel's own peer
     * @param owner the listener, told when the connection opens and closes
     * @param blockingWork where work that may block runs, never on the event loop
     */
    ChannelConnection(Channel channel, @Nullable InetSocketAddress client, FramingCodec codec, ConnectionGuard guard,
            ConnectionOwner owner, Executor blockingWork) {
        this.channel = channel;
        this.codec = codec;
        this.guard = guard;
        this.owner = owner;
        this.listener = owner.listener();
        this.blockingWork = blockingWork;
        InetSocketAddress peer = (client != null) ? client : (InetSocketAddress) channel.remoteAddress();
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        this.hostAddress = peer.getAddress().getHostAddress();
        this.port = peer.getPort();
        // Spring Integration's form of connection id, host:port:localPort:unique, with a sequence number where it has a
        // random UUID: the id only has to be unique in this process (the chat's Redis presence prefixes it with the
        // instance), and printing a UUID was 2.4 KB of the 13 KB that C2 inlined for a connection's open (JDK 25).
        this.connectionId = hostAddress + ":" + port + ":" + local.getPort() + ":" + SEQUENCE.incrementAndGet();
        this.messageHeaders = Map.of(IpHeaders.HOSTNAME, hostAddress, IpHeaders.IP_ADDRESS, hostAddress,
                IpHeaders.REMOTE_PORT, port, IpHeaders.CONNECTION_ID, connectionId, IpHeaders.LOCAL_ADDRESS,
                local.getAddress());
    }

    /**
     * Opens the connection for the application once its edge is passed (PROXY header, TLS handshake): admitted, its
     * owner is told, on the event loop, before the first message; refused, an error and the close.
     */
    @Override
    public void run() {
        if (!guard.admit(this)) {
            sendLastReply(Reply.error("ERROR too many connections"));
            return;
        }
        owner.opened(this);
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /**
     * A message the decoder cut, on the event loop. The {@code ip_*} headers are those Spring Integration's mapper
     * sets, built once per connection and shared by its messages: its mapper asks the socket for the local address on
     * every message (a system call) and copies the headers twice, a quarter of the server's CPU with small requests.
     */
    void received(Object message) {
        if (closing) {
            // Closed by a reply (bytecount's Exit, an error): what was read after it in the same burst is dropped,
            // as a blocking reader that closed would never have read it.
            return;
        }
        if (!inReadBurst) {
            inReadBurst = true;
            lastActivityNanos = burstClock.begin();
        }
        if (message instanceof Oversized oversized) {
            guard.tooLarge();
            sendLastReply(oversized.errorReply());
            return;
        }
        TcpListener listener = this.listener;
        if (listener == null || !(message instanceof Frame frame)) {
            return;
        }
        guard.requestArrived();
        try {
            listener.onMessage(new GenericMessage<>(frame, SharedHeaders.of(messageHeaders, burstClock.millis())));
        }
        catch (RuntimeException ex) {
            logger.error("Exception handling a message from " + connectionId, ex);
        }
        finally {
            guard.requestHandled(burstClock.messageHandled());
        }
    }

    /** The read burst ended: what it wrote goes out in one write. */
    void readBurstEnded() {
        if (!inReadBurst) {
            // Bytes came that make no message yet (a line typed slowly): traffic for the idle timeout all the same.
            lastActivityNanos = System.nanoTime();
        }
        inReadBurst = false;
        if (writeBurstReplies()) {
            channel.flush();
            if (!channel.isWritable()) {
                // The client does not read its replies: stop reading its requests until it does, so what it owes
                // waits in its own socket buffers (TCP flow control) instead of in this server's memory.
                channel.config().setAutoRead(false);
            }
        }
    }

    /**
     * Reading or writing the socket failed (the client reset the connection): counted as an {@code io} error, unless
     * the server had closed the connection of its own accord already, such as a chat member dropped as too slow and
     * reset after its linger, whose unwritten lines then fail one by one: that drop is counted once, for its reason.
     */
    void failed() {
        if (!closing || endedByClient) {
            guard.ioFailed();
        }
    }

    /**
     * The client has finished sending and every message it sent has been handled: what the connection owes goes out,
     * then it closes. A hook set with {@link #onEndOfInput} runs first, away from the event loop since it may wait.
     */
    void inputEnded() {
        if (closing) {
            // The server had ended its side (a graceful shutdown): now both are done.
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        endedByClient = true;
        readBurstEnded();
        Runnable beforeClose = this.beforeCloseAtEndOfInput;
        this.beforeCloseAtEndOfInput = null;
        if (beforeClose == null) {
            close();
            return;
        }
        blockingWork.execute(() -> {
            try {
                beforeClose.run();
            }
            finally {
                close();
            }
        });
    }

    /** The channel closed, whoever closed it. */
    void channelClosed() {
        close();
        owner.socketClosed(this);
        writabilityChanged();
    }

    /** The channel's output went over or back under its watermark, or the channel closed. Event loop only. */
    void writabilityChanged() {
        if (channel.isWritable() && !readingPaused && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
            channel.pipeline().fireUserEventTriggered(FrameDecoder.READING_RESUMED);
        }
        Runnable resume = this.whenWritable;
        if (resume != null && (channel.isWritable() || !channel.isActive())) {
            this.whenWritable = null;
            resume.run();
        }
    }

    @Override
    public Executor writeExecutor() {
        return channel.eventLoop();
    }

    @Override
    public boolean isWriteThread() {
        return channel.eventLoop().inEventLoop();
    }

    @Override
    public boolean writableOrWhenWritable(Runnable resume) {
        if (channel.isWritable() || !channel.isActive()) {
            return true;
        }
        this.whenWritable = resume;
        return false;
    }

    @Override
    public void onEndOfInput(Runnable beforeClose) {
        this.beforeCloseAtEndOfInput = beforeClose;
    }

    @Override
    public void onIdleTimeout(Runnable lastWord) {
        this.lastWordWhenIdle = lastWord;
    }

    /**
     * The idle timeout ends the connection: with its owner's last word, which closes it, if it has one. The last word
     * counts as activity, so the sweep leaves the connection alone while it is said.
     */
    void idledOut() {
        Runnable lastWord = this.lastWordWhenIdle;
        this.lastWordWhenIdle = null;
        if (lastWord == null) {
            close();
            return;
        }
        lastActivityNanos = System.nanoTime();
        lastWord.run();
    }

    @Override
    public void pauseReading() {
        readingPaused = true;
        channel.config().setAutoRead(false);
    }

    @Override
    public void resumeReading() {
        Runnable resume = () -> {
            readingPaused = false;
            writabilityChanged();
        };
        if (channel.eventLoop().inEventLoop()) {
            resume.run();
        }
        else {
            try {
                channel.eventLoop().execute(resume);
            }
            catch (RejectedExecutionException ex) {
                // The event loops are shutting down: nothing is read any more anyway.
            }
        }
    }

    /** Messages are pushed to the listener by the event loop, with headers the connection builds once. */
    @Override
    public Object getPayload() {
        throw new UnsupportedOperationException("Messages of " + connectionId + " are delivered by its event loop");
    }

    /**
     * Writes a reply, counts it, and closes the connection after it if it says so. A reply whose client has gone is
     * counted as an I/O error and dropped (one to a connection the server has closed is only dropped); one that cannot
     * be written to an open connection fails.
     */
    @Override
    public void send(Message<?> message) {
        if (!isOpen()) {
            failed();
            return;
        }
        try {
            write(message);
        }
        catch (MessagingException ex) {
            if (isOpen()) {
                throw ex;
            }
            failed();
            return;
        }
        if (!(channel.eventLoop().inEventLoop() && inReadBurst)) {
            // In a read burst the activity was noted when its message arrived.
            lastActivityNanos = System.nanoTime();
        }
        if (guard.replied(message.getPayload())) {
            close();
        }
    }

    private void sendLastReply(Reply reply) {
        try {
            send(new GenericMessage<>(reply));
        }
        catch (RuntimeException ex) {
            // The peer is gone already; closing is all that is left to do.
            close();
        }
    }

    private void write(Message<?> message) {
        boolean onEventLoop = channel.eventLoop().inEventLoop();
        ByteBuf pending = onEventLoop && inReadBurst ? this.burstReplies : null;
        ByteBuf bytes = (pending != null) ? pending : channel.alloc().ioBuffer();
        int start = bytes.writerIndex();
        try {
            codec.serialize(message.getPayload(), new ByteBufOutputStream(bytes));
        }
        catch (IOException | RuntimeException ex) {
            if (pending == null) {
                bytes.release();
            }
            else {
                bytes.writerIndex(start);
            }
            throw new MessagingException(message, "Send Failed", ex);
        }
        if (onEventLoop) {
            if (inReadBurst) {
                this.burstReplies = bytes;
            }
            else {
                channel.writeAndFlush(bytes, channel.voidPromise());
            }
            return;
        }
        ChannelFuture written = channel.writeAndFlush(bytes);
        if (!channel.isWritable()) {
            written.awaitUninterruptibly();
            if (!written.isSuccess()) {
                throw new MessagingException(message, "Send Failed", written.cause());
            }
        }
    }

    /**
     * Closes once what has been written is out. If the client does not read, so it cannot all go, the connection is
     * closed anyway after a short linger; over its write watermark it ends its output (FIN after the last bytes) and
     * waits out the linger for the client to read them.
     */
    @Override
    public void close() {
        if (!CLOSING.compareAndSet(this, false, true)) {
            // Closed already: a connection is closed by its reply, its client, the idle sweep or the listener's stop,
            // often by two of them, and the channel's close closes it again.
            return;
        }
        if (!channel.isOpen()) {
            // The channel closed before the connection did: Netty closed it after a failed read or write, as when the
            // client resets the connection.
            endedByClient = true;
        }
        boolean admitted = guard.release(this);
        if (channel.isOpen()) {
            if (channel.eventLoop().inEventLoop()) {
                closeAfterFlush();
            }
            else {
                try {
                    channel.eventLoop().execute(this::closeAfterFlush);
                }
                catch (RejectedExecutionException ex) {
                    // The event loops are shutting down (the application is stopping): close without the flush.
                    channel.close();
                }
            }
        }
        if (admitted) {
            owner.closed(this);
        }
    }

    /**
     * Closes from the connection's event loop, after its next pass over the sockets: requests that have arrived by now
     * are answered first, as they would be without the close.
     */
    void closeAfterWhatArrived() {
        try {
            channel.eventLoop().execute(this::close);
        }
        catch (RejectedExecutionException ex) {
            close();
        }
    }

    private void closeAfterFlush() {
        if (!channel.isOpen()) {
            return;
        }
        writeBurstReplies();
        channel.flush();
        boolean pending = hasUnwrittenOutput();
        // In a graceful shutdown, and for a client that does not read (a chat member dropped as too slow, who still
        // gets what was written, up to its last line, if it reads again within the linger), the server's side ends
        // first, so the close does not reset the connection and lose those bytes.
        if (channel instanceof DuplexChannel duplex && (guard.closesGracefully() || (pending && !channel.isWritable()))) {
            endOutputThenClose(duplex);
            return;
        }
        if (!pending) {
            channel.close();
            return;
        }
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        closeAfterLinger();
    }

    /**
     * Ends the server's side once what was written is out (TLS {@code close_notify}, then FIN) and closes when the
     * client's side ends too ({@link #inputEnded}), or after a linger. Until then what the client sends is read and
     * dropped, so the socket is never closed with unread bytes, which would reset the connection.
     */
    private void endOutputThenClose(DuplexChannel duplex) {
        channel.config().setAutoRead(true);
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls != null && written.isSuccess()) {
                tls.closeOutbound().addListener(notified -> duplex.shutdownOutput());
            }
            else {
                duplex.shutdownOutput();
            }
        });
        closeAfterLinger();
    }

    /**
     * Closes the channel after the linger, if nothing has closed it before. If bytes it was given are still unwritten
     * then, the client would get a stream cut wherever its reading stopped, likely mid-line, and take it for a whole
     * one: such a connection is reset instead, so the client sees that the stream was cut.
     */
    private void closeAfterLinger() {
        long linger = guard.closesGracefully() ? SHUTDOWN_LINGER_MILLIS : CLOSE_LINGER_MILLIS;
        channel.eventLoop().schedule(() -> {
            if (!channel.isOpen()) {
                return;
            }
            if (hasUnwrittenOutput()) {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
            }
            channel.close();
        }, linger, TimeUnit.MILLISECONDS);
    }

    /** Whether bytes handed to the channel have not all been written to the socket yet. Event loop only. */
    private boolean hasUnwrittenOutput() {
        ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        return outbound != null && outbound.totalPendingWriteBytes() > 0;
    }

    /** Hands the replies gathered during the read burst to the channel, unflushed; false if there were none. */
    private boolean writeBurstReplies() {
        ByteBuf replies = this.burstReplies;
        if (replies == null) {
            return false;
        }
        this.burstReplies = null;
        channel.write(replies, channel.voidPromise());
        return true;
    }

    @Override
    public boolean isOpen() {
        return !closing && channel.isActive();
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public String getHostAddress() {
        return hostAddress;
    }

    @Override
    public String getHostName() {
        return hostAddress;
    }

    @Override
    public String getConnectionId() {
        return connectionId;
    }

    @Override
    public boolean isServer() {
        return true;
    }

    @Override
    public Deserializer<?> getDeserializer() {
        throw new UnsupportedOperationException("The bytes of " + connectionId + " are cut by its channel's decoder");
    }

    @Override
    public Serializer<?> getSerializer() {
        return codec;
    }

    @Override
    public @Nullable TcpListener getListener() {
        return listener;
    }

    /** Messages carry the connection's shared headers, built without Spring Integration's mapper and its sequence. */
    @Override
    public long incrementAndGetConnectionSequence() {
        throw new UnsupportedOperationException("Messages of " + connectionId + " carry no sequence numbers");
    }

    @Override
    public @Nullable SocketInfo getSocketInfo() {
        return null;
    }

    @Override
    public Object getDeserializerStateKey() {
        return channel;
    }

    @Override
    public @Nullable SSLSession getSslSession() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        return (tls != null) ? tls.engine().getSession() : null;
    }

}
