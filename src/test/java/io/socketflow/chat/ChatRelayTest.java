package io.socketflow.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SocketflowTest
class ChatRelayTest {

    @Autowired
    @Qualifier("chatTcpServer")
    TcpServerListener chatServer;

    @Autowired
    ChatRoom room;

    private final List<ChatMember> members = new ArrayList<>();

    @AfterEach
    void leave() {
        members.forEach(ChatMember::close);
        await().until(() -> room.size() == 0);
    }

    @Test
    void tutorialChatClientTalksWithAnotherMember() {
        ChatMember answering = join();
        try (TcpTestClient tutorial = TcpTestClient.local(chatServer.port())) {
            tutorial.send("This is from Client");
            String greeting = tutorial.receive();
            assertThat(greeting).startsWith("* welcome guest-").endsWith("\n");
            String tutorialNick = greeting.substring("* welcome ".length(), greeting.indexOf(','));
            assertThat(answering.line()).isEqualTo("* " + tutorialNick + " joined");
            assertThat(answering.line()).isEqualTo(tutorialNick + ": This is from Client");
            answering.say("hello tutorial\n");
            assertThat(tutorial.receive()).isEqualTo(answering.nick + ": hello tutorial\n");
            tutorial.send("I am client");
            assertThat(answering.line()).isEqualTo(tutorialNick + ": I am client");
            tutorial.send("bye");
            assertThat(tutorial.receive()).isEqualTo("* bye\n");
            assertThat(tutorial.closedByServer()).isTrue();
            assertThat(answering.line()).isEqualTo("* " + tutorialNick + " left");
        }
    }

    @Test
    void memberWhoHalfClosesAtOnceStillGetsWhatItIsOwed() {
        ChatMember watcher = join();
        for (int i = 0; i < 20; i++) {
            try (TcpTestClient client = TcpTestClient.local(chatServer.port())) {
                client.send("/who\nsaid and gone\n");
                client.shutdownOutput();
                String everything = new String(client.readToEnd());
                assertThat(everything).matches("\\* welcome guest-\\d+, 2 online; .*\n\\* online \\(2\\): .*\n");
            }
            String joined = watcher.line();
            String nick = joined.substring(2, joined.indexOf(' ', 2));
            assertThat(watcher.line()).isEqualTo(nick + ": said and gone");
            assertThat(watcher.line()).isEqualTo("* " + nick + " left");
        }
    }

    @Test
    void clientThatSpeaksBeforeItListensHasEachMessageRelayedAlone() {
        ChatMember answering = join();
        for (int i = 0; i < 10; i++) {
            try (TcpTestClient tutorial = TcpTestClient.local(chatServer.port())) {
                tutorial.send("This is from Client");
                assertThat(tutorial.receive()).startsWith("* welcome guest-");
                tutorial.send("I am client");
                String nick = answering.line().substring(2).replace(" joined", "");
                assertThat(answering.line()).isEqualTo(nick + ": This is from Client");
                assertThat(answering.line()).isEqualTo(nick + ": I am client");
                tutorial.send("bye");
                assertThat(answering.line()).isEqualTo("* " + nick + " left");
            }
        }
    }

    @Test
    void welcomeNamesTheMemberFirstAndCountsWhoIsOnline() {
        ChatMember first = join();
        ChatMember second = join();
        assertThat(first.welcome).matches("\\* welcome guest-\\d+, 1 online.*\n");
        assertThat(second.welcome).startsWith("* welcome " + second.nick + ", 2 online");
    }

    @Test
    void linesReachEveryOtherMemberButNotTheSender() {
        ChatMember alice = join();
        ChatMember bob = join();
        ChatMember carol = join();
        alice.awaitLine("* " + carol.nick + " joined");
        bob.awaitLine("* " + carol.nick + " joined");
        alice.say("hello\r\nsecond line\n\n");
        assertThat(bob.line()).isEqualTo(alice.nick + ": hello");
        assertThat(bob.line()).isEqualTo(alice.nick + ": second line");
        assertThat(carol.line()).isEqualTo(alice.nick + ": hello");
        bob.say("/who\n");
        assertThat(bob.line()).startsWith("* online (3): ");
        alice.say("/who\n");
        assertThat(alice.line()).as("no echo of her own lines").startsWith("* online (3): ");
    }

    @Test
    void aLoneCrEndsALineAndBlankLinesAreIgnored() {
        ChatMember alice = join();
        ChatMember bob = join();
        alice.awaitLine("* " + bob.nick + " joined");
        alice.say("one\rtwo\r   \r\t\nx\r* operator: log in again at evil.example\n");
        assertThat(bob.line()).isEqualTo(alice.nick + ": one");
        assertThat(bob.line()).isEqualTo(alice.nick + ": two");
        assertThat(bob.line()).isEqualTo(alice.nick + ": x");
        assertThat(bob.line()).as("a notice cannot be faked over the sender's name")
                .isEqualTo(alice.nick + ": * operator: log in again at evil.example");
    }

    @Test
    void nickIsValidatedUniqueAndAnnounced() {
        ChatMember alice = join();
        ChatMember bob = join();
        alice.awaitLine("* " + bob.nick + " joined");
        String old = alice.nick;
        alice.say("/nick alice_1\n");
        assertThat(alice.line()).isEqualTo("* you are now alice_1");
        assertThat(bob.line()).isEqualTo("* " + old + " is now alice_1");
        bob.say("/nick ALICE_1\n");
        assertThat(bob.line()).isEqualTo("* nickname ALICE_1 is taken");
        bob.say("/nick no spaces!\n");
        assertThat(bob.line()).startsWith("* invalid nickname");
        bob.say("/nick " + "x".repeat(33) + "\n");
        assertThat(bob.line()).startsWith("* invalid nickname");
        bob.say("/dance\n");
        assertThat(bob.line()).startsWith("* unknown command /dance");
        bob.say("/who\n");
        assertThat(bob.line()).isEqualTo("* online (2): alice_1, " + bob.nick);
        alice.say("hi\n");
        assertThat(bob.line()).isEqualTo("alice_1: hi");
    }

    @Test
    void pasteOfManyLinesInOneWriteIsRelayedLineByLine() throws Exception {
        ChatMember sender = join();
        ChatMember reader = join();
        sender.awaitLine("* " + reader.nick + " joined");
        NumberedLines lines = new NumberedLines(4096, 1024);
        CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> lines.readFrom(reader,
                sender.nick, () -> { }));
        lines.sendFrom(sender, Integer.MAX_VALUE);
        assertThat(received.get(30, TimeUnit.SECONDS)).as("every line whole, though the 4 MiB arrive in pieces")
                .isEqualTo(4096);
    }

    @Test
    void nickChangedOnlyInCaseIsShownInTheNewCase() {
        ChatMember alice = join();
        ChatMember bob = join();
        alice.awaitLine("* " + bob.nick + " joined");
        alice.say("/nick alice\n");
        assertThat(alice.line()).isEqualTo("* you are now alice");
        alice.say("/nick ALICE\n");
        assertThat(alice.line()).isEqualTo("* you are now ALICE");
        bob.awaitLine("* alice is now ALICE");
        bob.say("/who\n");
        assertThat(bob.line()).isEqualTo("* online (2): ALICE, " + bob.nick);
        bob.say("/nick alice\n");
        assertThat(bob.line()).isEqualTo("* nickname alice is taken");
    }

    @Test
    void quitByeAndExitEndTheSession() {
        ChatMember watcher = join();
        for (String farewell : new String[] { "/quit\n", "/quit see you\n", "bye\n", "Exit\n" }) {
            ChatMember leaving = join();
            watcher.awaitLine("* " + leaving.nick + " joined");
            leaving.say(farewell + "not relayed\n");
            assertThat(leaving.line()).isEqualTo("* bye");
            assertThat(leaving.client.closedByServer()).isTrue();
            assertThat(watcher.line()).isEqualTo("* " + leaving.nick + " left");
        }
    }

    @Test
    void everyReceiverSeesEachSendersLinesInOrder() throws Exception {
        int senders = 3;
        int lines = 200;
        List<ChatMember> talking = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            talking.add(join());
        }
        List<ChatMember> listening = List.of(join(), join(), join());
        ChatMember last = listening.get(2);
        for (ChatMember member : talking) {
            member.awaitLine("* " + last.nick + " joined");
        }
        for (ChatMember member : listening) {
            if (member != last) {
                member.awaitLine("* " + last.nick + " joined");
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(senders + listening.size());
        try {
            for (ChatMember sender : talking) {
                pool.submit(() -> {
                    for (int n = 0; n < lines; n++) {
                        sender.say("line " + n + "\n");
                    }
                });
            }
            List<Future<?>> checks = new ArrayList<>();
            for (ChatMember receiver : listening) {
                checks.add(pool.submit(() -> {
                    int[] next = new int[senders];
                    for (int i = 0; i < senders * lines; i++) {
                        String line = receiver.line();
                        while (line.startsWith("* ")) {
                            line = receiver.line();
                        }
                        int who = indexOfSender(talking, line);
                        assertThat(line).isEqualTo(talking.get(who).nick + ": line " + next[who]);
                        next[who]++;
                    }
                    return null;
                }));
            }
            for (Future<?> check : checks) {
                check.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static int indexOfSender(List<ChatMember> senders, String line) {
        for (int i = 0; i < senders.size(); i++) {
            if (line.startsWith(senders.get(i).nick + ": ")) {
                return i;
            }
        }
        throw new AssertionError("Line from no sender: " + line);
    }

    private ChatMember join() {
        ChatMember member = new ChatMember(chatServer.port());
        members.add(member);
        return member;
    }

}
