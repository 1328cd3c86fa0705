package io.socketflow.chat;

import java.util.List;
import java.util.function.BiConsumer;

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

    /**
     * Where to report a member of this instance whose nickname turned out to be held by a member of another
     * instance, given as member id and nickname. Only a presence shared between instances can find that, and only
     * after they could not reach each other for a while.
     */
    default void onNickLost(BiConsumer<String, String> memberIdAndNick) {
    }

}
