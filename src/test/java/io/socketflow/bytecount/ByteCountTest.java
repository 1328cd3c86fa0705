package io.socketflow.bytecount;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteCountTest {

    private final ByteCount byteCount = new ByteCount();

    @Test
    void countsTheBytesOfTheMessage() {
        assertThat(reply("Hi")).isEqualTo("Your data was 2 bytes");
        assertThat(reply("Testing Connection")).isEqualTo("Your data was 18 bytes");
        assertThat(reply("")).isEqualTo("Your data was 0 bytes");
        assertThat(reply("é")).isEqualTo("Your data was 2 bytes");
    }

    @Test
    void exitInAnyCaseAndWithSurroundingWhitespaceEndsTheSession() {
        for (String exit : new String[] { "Exit", "exit", "EXIT", "  Exit\t" }) {
            ByteCount.Answer answer = byteCount.reply(exit.getBytes(StandardCharsets.UTF_8));
            assertThat(new String(answer.text(), StandardCharsets.UTF_8)).isEqualTo("Disconnect");
            assertThat(answer.endsSession()).isTrue();
        }
        assertThat(byteCount.reply("Exit now".getBytes(StandardCharsets.UTF_8)).endsSession()).isFalse();
    }

    private String reply(String message) {
        return new String(byteCount.reply(message.getBytes(StandardCharsets.UTF_8)).text(), StandardCharsets.UTF_8);
    }

}
