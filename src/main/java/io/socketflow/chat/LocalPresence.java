package io.socketflow.chat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Presence for one instance. Nicknames are unique regardless of case, so {@code Alice} and {@code alice}
 * cannot both be online.
 */
final class LocalPresence implements Presence {

    private final AtomicLong guests = new AtomicLong();

    private final Map<String, Holder> nicks = new ConcurrentHashMap<>();

    @Override
    public String nextGuestNick() {
        return "guest-" + guests.incrementAndGet();
    }

    @Override
    public boolean claim(String nick, String memberId) {
        // The member's own nickname is taken again in the new spelling, so a change of case shows in /who.
        Holder holder = nicks.compute(key(nick), (key, current) ->
                current == null || current.memberId().equals(memberId) ? new Holder(nick, memberId) : current);
        return holder.memberId().equals(memberId);
    }

    @Override
    public void release(String nick, String memberId) {
        nicks.computeIfPresent(key(nick), (key, holder) -> holder.memberId().equals(memberId) ? null : holder);
    }

    @Override
    public List<String> online() {
        return nicks.values().stream().map(Holder::nick).sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    private static String key(String nick) {
        return nick.toLowerCase(Locale.ROOT);
    }

    private record Holder(String nick, String memberId) {
    }

}
