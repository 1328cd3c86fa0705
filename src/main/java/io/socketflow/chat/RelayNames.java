package io.socketflow.chat;

import java.util.Locale;
import java.util.UUID;

/**
 * The names the Redis relay uses, all under one prefix so that several rooms (or test runs) can share a Redis:
 * <ul>
 * <li>{@code <prefix>:chat} the pub/sub channel every envelope goes through;</li>
 * <li>{@code <prefix>:chat:nick:<nickname in lower case>} one key per member online, expiring unless refreshed;</li>
 * <li>{@code <prefix>:chat:guests} the counter behind {@code guest-N};</li>
 * <li>{@code <prefix>:chat:instance:<id>} one key per live instance, refreshed with its members.</li>
 * </ul>
 *
 * @param prefix the configured {@code socketflow.chat.redis.channel-prefix}
 * @param instance this instance's id, random per start
 */
record RelayNames(String prefix, String instance) {

    static RelayNames withRandomInstance(String prefix) {
        return new RelayNames(prefix, UUID.randomUUID().toString());
    }

    String channel() {
        return prefix + ":chat";
    }

    String nickKey(String nick) {
        return channel() + ":nick:" + nick.toLowerCase(Locale.ROOT);
    }

    /** A SCAN pattern for every nickname key, the prefix's glob characters escaped. */
    String nickKeyPattern() {
        return channel().replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + ":nick:*";
    }

    String guestsKey() {
        return channel() + ":guests";
    }

    String instanceKey() {
        return channel() + ":instance:" + instance;
    }

}
