package io.socketflow.chat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.TaskScheduler;

import io.socketflow.transport.BoundedWait;
import io.socketflow.transport.Frame;
import io.socketflow.transport.ListenerObserver;
import io.socketflow.transport.ReaderHooks;
import io.socketflow.transport.Reply;
import io.socketflow.transport.Terminator;
import io.socketflow.transport.WriteReadiness;

/**
 * The chat room of this instance: its members, what they say and the commands they use. Lines for everyone go out
 * through the {@link ChatBus}; lines from the bus come back in through {@link #deliver(ChatLine)}.
 */
public class ChatRoom {

    private static final Log logger = LogFactory.getLog(ChatRoom.class);

    private static final Pattern NICKNAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /**
     * What ends a line inside a message: LF, CRLF, or a lone CR (old Mac line ends, and a CR that would otherwise move
     * a terminal's cursor back over the sender's name, so a line could pass for a server notice).
     */
    private static final Pattern LINE_END = Pattern.compile("\r\n|\r|\n");

    private static final String COMMANDS = "/nick NAME, /who, /quit";

    /**
     * How long a new member's welcome waits for the member to speak first. The tutorial chat client sends a message
     * the moment it connects and only then reads; its next message follows the welcome, and in {@code text} framing
     * the two must not arrive together, or they would be one message.
     */
    static final Duration FIRST_WORD_WAIT = Duration.ofMillis(100);

    /** How long a member who is told to leave gets to read that before the connection is closed regardless. */
    static final Duration LAST_WORD_GRACE = Duration.ofSeconds(2);

    private final ChatBus bus;

    private final Presence presence;

    private final MemberConnections connections;

    private final TaskScheduler scheduler;

    private final long memberBufferBytes;

    private final Clock clock;

    private final Map<String, Member> members = new ConcurrentHashMap<>();

    private final AtomicLong slowMembersDropped = new AtomicLong();

    private final ListenerObserver observer;

    ChatRoom(ChatBus bus, Presence presence, MemberConnections connections, TaskScheduler scheduler,
            long memberBufferBytes, Clock clock, ListenerObserver observer) {
        this.observer = observer;
        this.bus = bus;
        this.presence = presence;
        this.connections = connections;
        this.scheduler = scheduler;
        this.memberBufferBytes = memberBufferBytes;
        this.clock = clock;
        bus.deliverTo(this::deliver);
        bus.kicksTo(this::kickHere);
        presence.onNickLost(this::nickLost);
    }

    /**
     * @param readiness how the member's connection takes writes: its outbox is drained on the connection's event loop,
     *     pausing while the connection is full
     */
    void join(String memberId, String address, WriteReadiness readiness, ReaderHooks reader) {
        String nick = claimGuestNick(memberId);
        // Counted before taking the lock: with the Redis relay this asks Redis, and joins need not wait for that.
        int online = presence.online().size();
        Member member = new Member(memberId, nick, address, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                new MemberOutbox(memberBufferBytes, readiness.writeExecutor(), writer(memberId, readiness)), reader);
        // One join at a time, so a member never hears of a join that happened before its own. The welcome is
        // queued before the member is in the room, so it is the first line the member gets; the member is in the
        // room before anyone hears it joined, so whoever acts on the notice (an operator's kick) finds it.
        synchronized (members) {
            tell(member, "* welcome " + nick + ", " + online + " online; commands: " + COMMANDS);
            members.put(memberId, member);
            bus.publish(new ChatLine("* " + nick + " joined", memberId));
        }
        // The client's own address, from the PROXY header behind a load balancer: who joined is worth a line.
        logger.info(nick + " joined the chat from " + address);
        scheduler.schedule(() -> release(memberId), clock.instant().plus(FIRST_WORD_WAIT));
    }

    private MemberOutbox.Writer writer(String memberId, WriteReadiness readiness) {
        return new MemberOutbox.Writer() {

            @Override
            public void write(List<Reply> replies) throws Exception {
                connections.send(memberId, replies);
            }

            @Override
            public boolean ready(Runnable resume) {
                return readiness.writableOrWhenWritable(resume);
            }

            @Override
            public boolean isDrainThread() {
                return readiness.isWriteThread();
            }

        };
    }

    /** Starts writing to the member: its welcome and what the room said since it joined (see FIRST_WORD_WAIT). */
    void release(String memberId) {
        Member member = members.get(memberId);
        if (member != null) {
            member.outbox().open();
        }
    }

    /**
     * The member has finished sending (half-closed): nothing more it sends is relayed, and what it is owed (its
     * welcome, answers to its commands, lines already queued) gets up to {@link #LAST_WORD_GRACE} to be written
     * before the connection closes.
     */
    void inputEnded(String memberId) {
        Member member = members.get(memberId);
        if (member == null) {
            return;
        }
        member.leave();
        member.outbox().open();
        BoundedWait.until(member.outbox()::isIdle, LAST_WORD_GRACE);
    }

    void leave(String memberId) {
        Member member = members.remove(memberId);
        if (member != null) {
            presence.release(member.nick(), memberId);
            bus.publish(new ChatLine("* " + member.nick() + " left", memberId));
            logger.info(member.nick() + " (" + member.address() + ") left the chat");
        }
    }

    void receive(String memberId, Frame frame) {
        Member member = members.get(memberId);
        if (member == null || member.isLeaving()) {
            return;
        }
        member.received(frame.payload().length + frame.terminator().length());
        String text = new String(frame.payload(), StandardCharsets.UTF_8);
        for (String line : LINE_END.split(text)) {
            if (!line.isBlank()) {
                member.held().add(line);
            }
        }
        try {
            speak(member);
        }
        finally {
            member.outbox().open();
        }
    }

    /**
     * Handles the member's lines in order, on its event loop, until they are done, it asks to leave, or the bus is
     * backlogged: then the rest waits, and so does the member's reading, until the bus has caught up. One read can
     * bring thousands of lines, far more than a round trip to Redis carries, and none is lost: like a member who does
     * not read holding back its writer, a sender the relay cannot keep up with is held back by TCP flow control.
     */
    private void speak(Member member) {
        Deque<String> held = member.held();
        while (!held.isEmpty() && !member.isWaitingForRelay()) {
            if (member.isLeaving()) {
                held.clear();
                return;
            }
            if (bus.isBacklogged()) {
                member.waitForRelay(true);
                member.reader().pauseReading();
                bus.whenCaughtUp(() -> member.outbox().drainer().execute(() -> carryOn(member)));
                return;
            }
            if (!handle(member, held.poll())) {
                held.clear();
            }
        }
    }

    private void carryOn(Member member) {
        member.waitForRelay(false);
        if (members.get(member.id()) != member) {
            member.held().clear();
        }
        try {
            speak(member);
        }
        finally {
            member.outbox().open();
        }
        if (!member.isWaitingForRelay()) {
            member.reader().resumeReading();
        }
    }

    /** Returns false once the member has asked to leave, so nothing after that is relayed. */
    private boolean handle(Member member, String content) {
        String word = content.strip();
        if (word.equalsIgnoreCase("bye") || word.equalsIgnoreCase("exit")) {
            return sayBye(member);
        }
        if (word.startsWith("/")) {
            return command(member, word);
        }
        bus.publish(new ChatLine(member.nick() + ": " + content, member.id()));
        return true;
    }

    /** Returns false for {@code /quit} (with or without a parting word, which is not relayed). */
    private boolean command(Member member, String command) {
        String[] parts = command.split("\\s+", 2);
        switch (parts[0]) {
            case "/quit" -> {
                return sayBye(member);
            }
            case "/nick" -> rename(member, (parts.length > 1) ? parts[1].strip() : "");
            case "/who" -> {
                List<String> online = presence.online();
                tell(member, "* online (" + online.size() + "): " + String.join(", ", online));
            }
            default -> tell(member, "* unknown command " + parts[0] + "; commands: " + COMMANDS);
        }
        return true;
    }

    private boolean sayBye(Member member) {
        member.leave();
        member.outbox().finish(new Reply(bytes("* bye"), Terminator.LF, true));
        return false;
    }

    private void rename(Member member, String nick) {
        String old = member.nick();
        if (!NICKNAME.matcher(nick).matches()) {
            tell(member, "* invalid nickname: use 1 to 32 of A-Z a-z 0-9 _ -");
        }
        else if (nick.equals(old)) {
            tell(member, "* you are already " + nick);
        }
        else if (!presence.claim(nick, member.id())) {
            tell(member, "* nickname " + nick + " is taken");
        }
        else {
            if (!nick.toLowerCase(Locale.ROOT).equals(old.toLowerCase(Locale.ROOT))) {
                presence.release(old, member.id());
            }
            member.rename(nick);
            tell(member, "* you are now " + nick);
            bus.publish(new ChatLine("* " + old + " is now " + nick, member.id()));
        }
    }

    /** Hands a line from the bus to every member of this instance it is meant for. */
    void deliver(ChatLine line) {
        Reply reply = Reply.line(bytes(line.text()));
        for (Member member : members.values()) {
            if (!member.id().equals(line.exceptMember()) && !member.outbox().offer(reply)) {
                dropSlowMember(member);
            }
        }
    }

    void broadcastAsOperator(String text) {
        for (String line : LINE_END.split(text)) {
            if (!line.isBlank()) {
                bus.publish(new ChatLine("* operator: " + line, null));
            }
        }
    }

    /**
     * Disconnects the member with the nickname, on this instance or, through the bus, on the one that holds it;
     * false if nobody online has it.
     */
    boolean kick(String nick) {
        if (kickHere(nick)) {
            return true;
        }
        return presence.online().stream().anyMatch(nick::equalsIgnoreCase) && bus.kickElsewhere(nick);
    }

    private boolean kickHere(String nick) {
        for (Member member : members.values()) {
            if (member.nick().equalsIgnoreCase(nick)) {
                sayLastWord(member, "* you were disconnected by the operator");
                return true;
            }
        }
        return false;
    }

    /** The idle timeout ends a member's session: it is told why, then disconnected, as a kicked member is. */
    void idledOut(String memberId) {
        Member member = members.get(memberId);
        if (member == null || member.isLeaving()) {
            connections.close(memberId);
            return;
        }
        sayLastWord(member, "* disconnected: idle");
    }

    /**
     * A member of this instance lost its nickname to a member of another instance (possible only after Redis was
     * away and both took it meanwhile): it becomes a guest again, and everyone is told.
     */
    private void nickLost(String memberId, String nick) {
        Member member = members.get(memberId);
        if (member == null || member.isLeaving() || !member.nick().equals(nick)) {
            return;
        }
        String guest = claimGuestNick(memberId);
        member.rename(guest);
        tell(member, "* nickname " + nick + " was taken elsewhere while the relay was away; you are now " + guest);
        bus.publish(new ChatLine("* " + nick + " is now " + guest, memberId));
    }

    private String claimGuestNick(String memberId) {
        String nick = presence.nextGuestNick();
        while (!presence.claim(nick, memberId)) {
            nick = presence.nextGuestNick();
        }
        return nick;
    }

    /** Members connected to this instance, longest-connected first: for the operator API and the status page. */
    public List<MemberView> members() {
        return members.values().stream()
                .map(m -> new MemberView(m.nick(), m.address(), m.since(), m.bytesIn(), m.bytesOut()))
                .sorted(Comparator.comparing(MemberView::since).thenComparing(MemberView::nick))
                .toList();
    }

    /** Members connected to this instance. */
    public int size() {
        return members.size();
    }

    long slowMembersDropped() {
        return slowMembersDropped.get();
    }

    /** Tells every member the server is going away and waits, at most {@code drain}, for them to have read it. */
    void closeForShutdown(Duration drain) {
        Reply notice = new Reply(bytes("* server shutting down"), Terminator.LF, true);
        members.values().forEach(member -> member.outbox().finish(notice));
        BoundedWait.until(() -> members.values().stream().allMatch(m -> m.outbox().isIdle()), drain);
        members.keySet().forEach(connections::close);
    }

    private void dropSlowMember(Member member) {
        if (member.isLeaving()) {
            return;
        }
        member.leave();
        member.outbox().abandonFor(new Reply(bytes("* disconnected: too slow"), Terminator.LF, true));
        // Out of the room now, not when its connection closes: the others hear it left, and its nickname is free.
        // Counted after, so whoever sees the count sees the member gone.
        leave(member.id());
        slowMembersDropped.incrementAndGet();
        observer.error(ListenerObserver.Error.SLOW_CONSUMER);
        logger.info("Disconnecting " + member.nick() + " (" + member.address() + "): more than " + memberBufferBytes
                + " bytes waited for it to read");
        scheduler.schedule(() -> connections.close(member.id()), clock.instant().plus(LAST_WORD_GRACE));
    }

    private void sayLastWord(Member member, String text) {
        member.leave();
        member.outbox().finish(new Reply(bytes(text), Terminator.LF, true));
        scheduler.schedule(() -> connections.close(member.id()), clock.instant().plus(LAST_WORD_GRACE));
    }

    private void tell(Member member, String text) {
        if (!member.outbox().offer(Reply.line(bytes(text)))) {
            dropSlowMember(member);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A member as the operator API and the status page show it.
     *
     * @param nick the nickname
     * @param address the remote address
     * @param since when the member joined
     * @param bytesIn bytes received from the member
     * @param bytesOut bytes written to the member
     */
    public record MemberView(String nick, String address, java.time.Instant since, long bytesIn, long bytesOut) {
    }

}
