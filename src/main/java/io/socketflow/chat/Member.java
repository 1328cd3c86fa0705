package io.socketflow.chat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection in the chat room.
 */
final class Member {

    private final String id;

    private final String address;

    private final Instant since;

    private final MemberOutbox outbox;

    private final AtomicLong bytesIn = new AtomicLong();


    private volatile String nick;

    private volatile boolean leaving;

    Member(String id, String nick, String address, Instant since, MemberOutbox outbox) {
        this.id = id;
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
