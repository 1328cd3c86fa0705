package io.socketflow.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Presence shared by every instance through Redis: one key per nickname online, holding the instance and member
 * that have it, with an expiry that the holder's instance keeps pushing back ({@link #heartbeat()}). When an
 * instance dies its members' keys expire, so they leave {@code /who} and free their nicknames. Guest numbers come
 * from one Redis counter.
 *
 * <p>This instance's own members are also kept here, in memory. That copy answers while Redis is away (uniqueness
 * and {@code /who} are then this instance's only, and guest numbers continue from the last one Redis gave), and the
 * heartbeat writes it back into Redis once Redis answers again. A nickname that someone on another instance took
 * meanwhile is reported as lost.
 */
final class RedisPresence implements Presence {

    /**
     * Takes or refreshes nicknames, each unless another member holds it; answers 1 (taken) or 0 (held by another)
     * per nickname. KEYS: the nicknames; ARGV: the TTL in milliseconds, then the value for each nickname, which
     * starts with its owner (instance and member) up to the last space.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CLAIM = RedisScript.of("""
            local taken = {}
            for i, key in ipairs(KEYS) do
              local value = ARGV[i + 1]
              local owner = string.match(value, '^(.* )')
              local holder = redis.call('GET', key)
              if holder and string.sub(holder, 1, string.len(owner)) ~= owner then
                taken[i] = 0
              else
                redis.call('SET', key, value, 'PX', ARGV[1])
                taken[i] = 1
              end
            end
            return taken
            """, List.class);

    /** Deletes nicknames their owners still hold. KEYS: the nicknames; ARGV: the owner of each. */
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            local released = 0
            for i, key in ipairs(KEYS) do
              local holder = redis.call('GET', key)
              if holder and string.sub(holder, 1, string.len(ARGV[i])) == ARGV[i] then
                released = released + redis.call('DEL', key)
              end
            end
            return released
            """, Long.class);

    /** Nicknames per script call, so that the heartbeat of many members does not hold Redis up at once. */
    private static final int BATCH = 500;

    private final StringRedisTemplate redis;

    private final RelayNames names;

    private final Duration ttl;

    private final RedisReachability reachability;

    /** This instance's members, by nickname in lower case. */
    private final Map<String, Holder> local = new ConcurrentHashMap<>();

    private final AtomicLong lastGuest = new AtomicLong();

    private volatile BiConsumer<String, String> nickLost = (memberId, nick) -> {
    };

    RedisPresence(StringRedisTemplate redis, RelayNames names, Duration ttl, RedisReachability reachability) {
        this.redis = redis;
        this.names = names;
        this.ttl = ttl;
        this.reachability = reachability;
    }

    @Override
    public String nextGuestNick() {
        if (reachability.isUp()) {
            try {
                long number = Objects.requireNonNull(redis.opsForValue().increment(names.guestsKey()));
                lastGuest.accumulateAndGet(number, Math::max);
                return "guest-" + number;
            }
            catch (RuntimeException ex) {
                reachability.failed("guest number", ex);
            }
        }
        return "guest-" + lastGuest.incrementAndGet();
    }

    @Override
    public boolean claim(String nick, String memberId) {
        String key = names.nickKey(nick);
        Holder holder = new Holder(nick, memberId);
        Holder previous = local.putIfAbsent(key, holder);
        if (previous != null && !previous.memberId().equals(memberId)) {
            return false;
        }
        local.put(key, holder);
        if (!reachability.isUp()) {
            return true;
        }
        try {
            if (claim(List.of(holder)).get(0)) {
                return true;
            }
            local.remove(key, holder);
            return false;
        }
        catch (RuntimeException ex) {
            reachability.failed("nickname claim", ex);
            return true;
        }
    }

    @Override
    public void release(String nick, String memberId) {
        local.computeIfPresent(names.nickKey(nick), (key, holder) -> holder.memberId().equals(memberId) ? null : holder);
        if (reachability.isUp()) {
            try {
                release(List.of(new Holder(nick, memberId)));
            }
            catch (RuntimeException ex) {
                reachability.failed("nickname release", ex);
            }
        }
    }

    @Override
    public List<String> online() {
        if (reachability.isUp()) {
            try {
                return sorted(onlineInRedis());
            }
            catch (RuntimeException ex) {
                reachability.failed("who is online", ex);
            }
        }
        return sorted(local.values().stream().map(Holder::nick).toList());
    }

    @Override
    public void onNickLost(BiConsumer<String, String> memberIdAndNick) {
        this.nickLost = memberIdAndNick;
    }

    /**
     * Writes this instance's members into Redis again, pushing back their expiry, along with the instance's own
     * key and, should Redis have lost it, the guest counter. Runs on the relay's heartbeat; a Redis failure is thrown
     * to it. Returns the members whose nickname someone on another instance holds: {@link #reportLost} them once
     * member threads may use Redis again, so that their new nicknames are claimed there.
     */
    List<Lost> heartbeat() {
        List<Lost> lost = new ArrayList<>();
        List<Holder> members = List.copyOf(local.values());
        for (int from = 0; from < members.size(); from += BATCH) {
            List<Holder> batch = members.subList(from, Math.min(from + BATCH, members.size()));
            List<Boolean> taken = claim(batch);
            for (int i = 0; i < batch.size(); i++) {
                Holder holder = batch.get(i);
                String key = names.nickKey(holder.nick());
                if (!holder.equals(local.get(key))) {
                    // Left while the heartbeat was on its way, which may have written the nickname back.
                    release(List.of(holder));
                }
                else if (!taken.get(i) && local.remove(key, holder)) {
                    lost.add(new Lost(holder.memberId(), holder.nick()));
                }
            }
        }
        redis.opsForValue().set(names.instanceKey(), "up", ttl);
        redis.opsForValue().setIfAbsent(names.guestsKey(), Long.toString(lastGuest.get()));
        return lost;
    }

    void reportLost(List<Lost> lost) {
        lost.forEach(nick -> nickLost.accept(nick.memberId(), nick.nick()));
    }

    /** Takes this instance and its members out of Redis, as it stops. */
    void leaveRedis() {
        List<Holder> members = List.copyOf(local.values());
        for (int from = 0; from < members.size(); from += BATCH) {
            release(members.subList(from, Math.min(from + BATCH, members.size())));
        }
        redis.delete(names.instanceKey());
    }

    /** Takes or refreshes the nicknames; for each, whether the member has it now. */
    private List<Boolean> claim(List<Holder> holders) {
        List<String> keys = holders.stream().map(holder -> names.nickKey(holder.nick())).toList();
        Object[] arguments = new Object[holders.size() + 1];
        arguments[0] = Long.toString(ttl.toMillis());
        for (int i = 0; i < holders.size(); i++) {
            arguments[i + 1] = owner(holders.get(i).memberId()) + holders.get(i).nick();
        }
        List<?> taken = Objects.requireNonNull(redis.execute(CLAIM, keys, arguments));
        return taken.stream().map(result -> result instanceof Number number && number.longValue() == 1).toList();
    }

    private void release(List<Holder> holders) {
        List<String> keys = holders.stream().map(holder -> names.nickKey(holder.nick())).toList();
        redis.execute(RELEASE, keys, holders.stream().map(holder -> owner(holder.memberId())).toArray());
    }

    private List<String> onlineInRedis() {
        List<String> keys = new ArrayList<>();
        try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(names.nickKeyPattern()).count(1000)
                .build())) {
            cursor.forEachRemaining(keys::add);
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        List<String> values = Objects.requireNonNull(redis.opsForValue().multiGet(keys));
        return values.stream().filter(Objects::nonNull).map(value -> value.substring(value.lastIndexOf(' ') + 1))
                .toList();
    }

    private static List<String> sorted(List<String> nicks) {
        return nicks.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    /** What a nickname key holds before the nickname as written: the instance and the member, each with a space. */
    private String owner(String memberId) {
        return names.instance() + " " + memberId + " ";
    }

    private record Holder(String nick, String memberId) {
    }

    /**
     * A member of this instance whose nickname a member of another instance holds.
     *
     * @param memberId the member of this instance
     * @param nick the nickname it no longer has
     */
    record Lost(String memberId, String nick) {
    }

}
