package io.socketflow.chat;

import java.util.List;

/**
 * Who is in the room: nicknames, their uniqueness, and the guest numbers handed out. Local by default; the Redis
 * relay keeps it in Redis so {@code /who} and uniqueness span every instance.
 */
public interface Presence {

    /** A fresh {@code guest-N} nickname, not used before in this room. */
    String nextGuestNick();

    /** Takes the nickname for the member; false if someone else holds it. */
    boolean claim(String nick, String memberId);

    /** Gives the nickname back, if the member holds it. */
    void release(String nick, String memberId);

    /** Every nickname online, sorted. */
    List<String> online();

}
