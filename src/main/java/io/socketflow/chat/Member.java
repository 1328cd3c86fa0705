package io.socketflow.chat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

import io.socketflow.transport.ReaderHooks;

/**
 * One connection in the chat room.
 */
final class Member {

    private final String id;

    private final String address;

    private final Instant since;

    private final MemberOutbox outbox;

    private final AtomicLong bytesIn = new AtomicLong();

    private final ReaderHooks reader;

    /**
     * Lines the member sent that are not handled yet, in order: those of the current message, and, while the member
     * waits for the relay, everything it sent before its reading paused. The member's event loop only.
     */
    private final Deque<String> held = new ArrayDeque<>();

    /** Whether the member's lines and reading wait for the relay to catch up. The member's event loop only. */
    private boolean waitingForRelay;


    private volatile String nick;

    private volatile boolean leaving;

    Member(String id, String nick, String address, Instant since, MemberOutbox outbox, ReaderHooks reader) {
        this.id = id;
        this.reader = reader;
        this.nick = nick;
        this.address = address;
        this.since = since;
        this.outbox = outbox;
    }

    String id() {
        return id;
    }

    String nick() {
        return nick;
    }

    void rename(String newNick) {
        this.nick = newNick;
    }

    /** From now on nothing the member sends is relayed. */
    void leave() {
        this.leaving = true;
    }

    boolean isLeaving() {
        return leaving;
    }

    String address() {
        return address;
    }

    Instant since() {
        return since;
    }

    MemberOutbox outbox() {
        return outbox;
    }

    Deque<String> held() {
        return held;
    }

    boolean isWaitingForRelay() {
        return waitingForRelay;
    }

    void waitForRelay(boolean waiting) {
        this.waitingForRelay = waiting;
    }

    ReaderHooks reader() {
        return reader;
    }

    void received(int bytes) {
        bytesIn.addAndGet(bytes);
    }

    long bytesIn() {
        return bytesIn.get();
    }

    long bytesOut() {
        return outbox.bytesWritten();
    }

}
