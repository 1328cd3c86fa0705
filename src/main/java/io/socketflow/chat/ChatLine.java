package io.socketflow.chat;

import org.jspecify.annotations.Nullable;

/**
 * One line for the room, as the bus carries it: the text every member sees (without the LF) and the member
 * who must not get it (the sender: members get no echo of their own lines).
 *
 * @param text the whole line, such as {@code guest-7: hello} or {@code * guest-7 joined}
 * @param exceptMember the member id the line is not delivered to, or {@code null} for everyone
 */
public record ChatLine(String text, @Nullable String exceptMember) {
}
