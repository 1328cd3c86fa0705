package io.socketflow.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The bus across instances, after the Socket.IO Redis adapter: a line goes to this instance's room first, then to
 * the Redis channel in an envelope carrying this instance's id; envelopes from the channel go to the room unless
 * they carry that id (the members here already have the line).
 *
 * <p>One thread publishes, in the order lines were handed over, over one connection; Redis delivers a channel's
 * messages in that order, and one thread hands them to the room here. So every member sees one sender's lines in
 * order, wherever each is connected. Member threads never wait for Redis: they queue the envelope (a bounded queue;
 * what does not fit, or comes while Redis is away, reaches this instance's members only and is counted); past half
 * of that queue the bus is backlogged, and the room pauses the senders until it is down to a quarter. The
 * publisher sends what has queued up in one pipelined round trip, not one round trip per line as
 * {@code convertAndSend} would: a sender's burst of thousands of lines is read far faster than that carries them.
 */
final class RedisChatBus implements ChatBus, MessageListener, DisposableBean {

    private static final Log logger = LogFactory.getLog(RedisChatBus.class);

    private static final Duration QUEUE_FULL_WARNING_INTERVAL = Duration.ofSeconds(10);

    /** Envelopes published in one pipelined round trip, at most. */
    private static final int PUBLISH_BATCH = 512;

    private final RedisTemplate<String, RelayEnvelope> redis;

    private final RedisSerializer<RelayEnvelope> serializer;

    private final RelayNames names;

    private final RedisReachability reachability;

    /** Envelopes waiting for the publisher, in the order they were handed over. */
    private final BlockingQueue<RelayEnvelope> outgoing;

    /** Above this many queued envelopes the bus is backlogged: senders pause. */
    private final int pauseAbove;

    /** At or below this many they carry on. */
    private final int resumeAtOrBelow;

    /** Senders waiting for the backlog to go down. */
    private final Queue<Runnable> waitingForCatchUp = new ConcurrentLinkedQueue<>();

    /** Whether a publishing run is queued that has not started taking envelopes yet. */
    private final AtomicBoolean publishingQueued = new AtomicBoolean();

    private final byte[] channel;

    private final Duration commandTimeout;

    private final ThreadPoolTaskExecutor publisher;

    private final ThreadPoolTaskExecutor receiver;

    private volatile Consumer<ChatLine> room = line -> {
    };

    private volatile Consumer<String> kicks = nick -> {
    };

    private volatile long lastQueueFullWarning;

    /** Set once the application stops: nothing is published any more, so no sender waits for that. */
    private volatile boolean stopped;

    RedisChatBus(RedisTemplate<String, RelayEnvelope> redis, RedisSerializer<RelayEnvelope> serializer,
            RelayNames names, RedisReachability reachability, int queueCapacity, Duration commandTimeout) {
        this.redis = redis;
        this.serializer = serializer;
        this.names = names;
        this.reachability = reachability;
        this.outgoing = new ArrayBlockingQueue<>(queueCapacity);
        this.pauseAbove = Math.max(1, queueCapacity / 2);
        this.resumeAtOrBelow = queueCapacity / 4;
        this.channel = names.channel().getBytes(StandardCharsets.UTF_8);
        this.commandTimeout = commandTimeout;
        this.publisher = singleThread("chat-relay-out-", 2);
        this.receiver = singleThread("chat-relay-in-", queueCapacity);
        this.lastQueueFullWarning = System.nanoTime() - QUEUE_FULL_WARNING_INTERVAL.toNanos();
    }

    @Override
    public void publish(ChatLine line) {
        room.accept(line);
        relay(new RelayEnvelope(names.instance(), RelayEnvelope.Type.LINE, line.text()));
    }

    @Override
    public boolean isBacklogged() {
        return !stopped && outgoing.size() > pauseAbove;
    }

    @Override
    public void whenCaughtUp(Runnable resume) {
        waitingForCatchUp.add(resume);
        if (!isBacklogged()) {
            releaseWaiting();
        }
    }

    private void releaseWaiting() {
        Runnable resume;
        while ((resume = waitingForCatchUp.poll()) != null) {
            resume.run();
        }
    }

    @Override
    public void deliverTo(Consumer<ChatLine> localRoom) {
        this.room = localRoom;
    }

    @Override
    public boolean kickElsewhere(String nick) {
        relay(new RelayEnvelope(names.instance(), RelayEnvelope.Type.KICK, nick));
        return true;
    }

    @Override
    public void kicksTo(Consumer<String> localKick) {
        this.kicks = localKick;
    }

    /** Where the subscription hands envelopes over: one thread, in the order they came. */
    Executor receiver() {
        return task -> {
            try {
                receiver.execute(task);
            }
            catch (TaskRejectedException ex) {
                reachability.notRelayed();
                warnQueueFull("incoming");
            }
        };
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        RelayEnvelope envelope;
        try {
            envelope = serializer.deserialize(message.getBody());
        }
        catch (SerializationException ex) {
            logger.warn("Ignoring a message on " + names.channel() + " that is not a chat envelope: " + ex.getMessage());
            return;
        }
        if (envelope == null || envelope.instance().equals(names.instance())) {
            return;
        }
        switch (envelope.type()) {
            case LINE -> room.accept(new ChatLine(envelope.text(), null));
            case KICK -> kicks.accept(envelope.text());
        }
    }

    /** Publishes what is queued, waiting at most {@code timeout}; nothing queued after this is published. */
    void drain(Duration timeout) {
        publisher.setAwaitTerminationMillis(timeout.toMillis());
        destroy();
    }

    @Override
    public void destroy() {
        publisher.shutdown();
        receiver.shutdown();
        stopped = true;
        releaseWaiting();
    }

    private void relay(RelayEnvelope envelope) {
        if (!reachability.isUp()) {
            reachability.notRelayed();
            return;
        }
        if (!outgoing.offer(envelope)) {
            reachability.notRelayed();
            warnQueueFull("outgoing");
            return;
        }
        if (publishingQueued.compareAndSet(false, true)) {
            try {
                publisher.execute(this::publishQueued);
            }
            catch (TaskRejectedException ex) {
                // Shutting down: what the last run did not take stays unpublished.
                publishingQueued.set(false);
            }
        }
    }

    /** Publishes everything queued, a batch per round trip, until the queue is empty. */
    private void publishQueued() {
        // Cleared before taking envelopes: one queued after the last take starts another run.
        publishingQueued.set(false);
        List<RelayEnvelope> batch = new ArrayList<>(PUBLISH_BATCH);
        while (outgoing.drainTo(batch, PUBLISH_BATCH) > 0) {
            publishNow(batch);
            batch.clear();
            if (outgoing.size() <= resumeAtOrBelow) {
                releaseWaiting();
            }
        }
    }

    private void publishNow(List<RelayEnvelope> batch) {
        if (!reachability.isUp()) {
            batch.forEach(envelope -> reachability.notRelayed());
            return;
        }
        try {
            // On the shared connection, as the other commands: a pipeline would take a dedicated connection per batch.
            redis.execute((RedisCallback<Object>) connection -> {
                @SuppressWarnings("unchecked")
                BaseRedisAsyncCommands<byte[], byte[]> commands =
                        (BaseRedisAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
                RedisFuture<?>[] published = new RedisFuture<?>[batch.size()];
                for (int i = 0; i < published.length; i++) {
                    published[i] = commands.publish(channel, serializer.serialize(batch.get(i)));
                }
                LettuceFutures.awaitAll(commandTimeout, published);
                return null;
            });
        }
        catch (RuntimeException ex) {
            reachability.failed("publish", ex);
        }
    }

    private void warnQueueFull(String direction) {
        long now = System.nanoTime();
        if (now - lastQueueFullWarning > QUEUE_FULL_WARNING_INTERVAL.toNanos()) {
            lastQueueFullWarning = now;
            logger.warn("The chat relay's " + direction + " queue is full (socketflow.chat.redis.publish-queue):"
                    + " lines are reaching this instance's members only");
        }
    }

    private static ThreadPoolTaskExecutor singleThread(String name, int queueCapacity) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(queueCapacity);
        executor.setThreadNamePrefix(name);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.initialize();
        return executor;
    }

}
