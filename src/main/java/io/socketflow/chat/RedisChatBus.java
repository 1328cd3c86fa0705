package io.socketflow.chat;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
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
 * what does not fit, or comes while Redis is away, reaches this instance's members only and is counted).
 */
final class RedisChatBus implements ChatBus, MessageListener, DisposableBean {

    private static final Log logger = LogFactory.getLog(RedisChatBus.class);

    private static final Duration QUEUE_FULL_WARNING_INTERVAL = Duration.ofSeconds(10);

    private final RedisTemplate<String, RelayEnvelope> redis;

    private final RedisSerializer<RelayEnvelope> serializer;

    private final RelayNames names;

    private final RedisReachability reachability;

    private final ThreadPoolTaskExecutor publisher;

    private final ThreadPoolTaskExecutor receiver;

    private volatile Consumer<ChatLine> room = line -> {
    };

    private volatile Consumer<String> kicks = nick -> {
    };

    private volatile long lastQueueFullWarning;

    RedisChatBus(RedisTemplate<String, RelayEnvelope> redis, RedisSerializer<RelayEnvelope> serializer,
            RelayNames names, RedisReachability reachability, int queueCapacity) {
        this.redis = redis;
        this.serializer = serializer;
        this.names = names;
        this.reachability = reachability;
        this.publisher = singleThread("chat-relay-out-", queueCapacity);
        this.receiver = singleThread("chat-relay-in-", queueCapacity);
        this.lastQueueFullWarning = System.nanoTime() - QUEUE_FULL_WARNING_INTERVAL.toNanos();
    }

    @Override
    public void publish(ChatLine line) {
        room.accept(line);
        relay(new RelayEnvelope(names.instance(), RelayEnvelope.Type.LINE, line.text()));
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
        publisher.shutdown();
        receiver.shutdown();
    }

    @Override
    public void destroy() {
        publisher.shutdown();
        receiver.shutdown();
    }

    private void relay(RelayEnvelope envelope) {
        if (!reachability.isUp()) {
            reachability.notRelayed();
            return;
        }
        try {
            publisher.execute(() -> publishNow(envelope));
        }
        catch (TaskRejectedException ex) {
            reachability.notRelayed();
            if (!publisher.getThreadPoolExecutor().isShutdown()) {
                warnQueueFull("outgoing");
            }
        }
    }

    private void publishNow(RelayEnvelope envelope) {
        if (!reachability.isUp()) {
            reachability.notRelayed();
            return;
        }
        try {
            redis.convertAndSend(names.channel(), envelope);
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
