package io.socketflow.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.socketflow.transport.Reply;

/**
 * What is on its way to one member: a queue bounded in bytes, drained by a task of its own (on the member's event
 * loop, pausing while its connection is full) so that writing to a member who reads slowly, or not at all, holds up
 * nobody else. Spring Integration's broadcast recipe writes to every
 * connection in turn on the sender's thread, where one stalled reader stalls the room; this replaces that loop.
 */
final class MemberOutbox {

    /** Writes replies to the member's connection. */
    interface Writer {

        void write(List<Reply> replies) throws Exception;

        /**
         * Whether the connection takes a write now. If not, {@code resume} runs once it does, and the outbox waits
         * (filling up, if the member does not read).
         */
        boolean ready(Runnable resume);

        /** Whether the caller is on the thread that drains the outbox, and so may write at once. */
        boolean isDrainThread();

    }

    /** At most this much is taken from the queue for one write. */
    private static final int BATCH_BYTES = 64 * 1024;

    private final long capacityBytes;

    private final Executor drainer;

    private final Writer writer;

    private final ArrayDeque<Reply> queue = new ArrayDeque<>();

    private long queuedBytes;

    private final AtomicLong bytesWritten = new AtomicLong();

    private boolean draining;

    private boolean closing;

    /** Nothing is written until the member is in the room, so whoever reads its welcome also finds it there. */
    private boolean held = true;

    MemberOutbox(long capacityBytes, Executor drainer, Writer writer) {
        this.capacityBytes = capacityBytes;
        this.drainer = drainer;
        this.writer = writer;
    }

    /** The member's event loop, where the outbox is drained. */
    Executor drainer() {
        return drainer;
    }

    /** Queues a reply; false if it does not fit (the member is too slow). Replies to a leaving member are dropped. */
    boolean offer(Reply reply) {
        if (tryEnqueue(reply)) {
            return true;
        }
        // Full. A sender's read burst is relayed on the event loop that also drains this outbox, so the queue can be
        // full only because its drain has not had its turn: what the connection takes now is written first.
        return writer.isDrainThread() && drainNow() && tryEnqueue(reply);
    }

    private boolean tryEnqueue(Reply reply) {
        synchronized (queue) {
            if (closing) {
                return true;
            }
            if (queuedBytes + reply.payload().length > capacityBytes) {
                return false;
            }
            enqueue(reply);
            return true;
        }
    }

    /** Writes what the connection takes now, on the drain thread; false if nothing may be written yet. */
    private boolean drainNow() {
        synchronized (queue) {
            if (held) {
                return false;
            }
            draining = true;
        }
        drain();
        return true;
    }

    /** Queues a final reply after everything already queued; nothing is accepted after it. */
    void finish(Reply lastReply) {
        synchronized (queue) {
            if (!closing) {
                closing = true;
                held = false;
                enqueue(lastReply);
            }
        }
    }

    /**
     * Drops what is queued and writes only the final reply, at once, even though the connection is full: it goes out
     * after what the connection already holds, if the member ever reads again, instead of waiting for a room the
     * connection of a member who does not read never has.
     */
    void abandonFor(Reply lastReply) {
        synchronized (queue) {
            queue.clear();
            queuedBytes = 0;
            closing = true;
            held = false;
        }
        try {
            drainer.execute(() -> {
                try {
                    writer.write(List.of(lastReply));
                    bytesWritten.addAndGet(lastReply.payload().length + lastReply.terminator().length());
                }
                catch (Exception ex) {
                    // The member is gone already.
                }
            });
        }
        catch (RejectedExecutionException ex) {
            // The event loops are shutting down: the connection closes without its last word.
        }
    }

    long queuedBytes() {
        synchronized (queue) {
            return queuedBytes;
        }
    }

    /** Bytes handed to the connection so far, terminators included. */
    long bytesWritten() {
        return bytesWritten.get();
    }

    boolean isIdle() {
        synchronized (queue) {
            return queue.isEmpty() && !draining;
        }
    }

    /** Starts writing what is queued. */
    void open() {
        synchronized (queue) {
            held = false;
            if (!queue.isEmpty() && !draining) {
                draining = true;
                drainer.execute(this::drain);
            }
        }
    }

    private void enqueue(Reply reply) {
        queue.add(reply);
        queuedBytes += reply.payload().length;
        if (!draining && !held) {
            draining = true;
            drainer.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            if (!writer.ready(this::drain)) {
                return;
            }
            List<Reply> batch = new ArrayList<>();
            long batchBytes = 0;
            synchronized (queue) {
                while (!queue.isEmpty() && (batch.isEmpty() || batchBytes + queue.peek().payload().length <= BATCH_BYTES)) {
                    Reply next = queue.poll();
                    batch.add(next);
                    batchBytes += next.payload().length + next.terminator().length();
                    queuedBytes -= next.payload().length;
                }
                if (batch.isEmpty()) {
                    draining = false;
                    return;
                }
            }
            try {
                writer.write(batch);
                bytesWritten.addAndGet(batchBytes);
            }
            catch (Exception ex) {
                synchronized (queue) {
                    closing = true;
                    queue.clear();
                    queuedBytes = 0;
                    draining = false;
                }
                return;
            }
        }
    }

}
