package io.socketflow.transport;

import java.io.Serial;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.MessageHeaders;

/**
 * The headers of a message whose {@code ip_*} headers are those of every message from, or to, the same connection or
 * sender: that map is shared, not copied, and only the message's own id and timestamp are its own. Written here because
 * Spring's {@code MessageHeaders} copies every header into a new {@code HashMap} for every message; with two messages
 * per request those copies were half of Spring Integration's CPU per request and 60 % of the garbage. It reads like
 * any {@code MessageHeaders}: {@link #get}, iteration, equality and serialization see the shared headers plus
 * {@code id} and {@code timestamp}, and the id comes from the application's {@code IdGenerator}.
 *
 * <p>The timestamp (milliseconds, like Spring's) can be given: the messages of one read burst, microseconds apart,
 * share one reading of the clock, and a reply made from its request in the same call carries the request's. Reading
 * the clock for each was a measurable share of what a small datagram costs the event loop.
 */
public final class SharedHeaders extends MessageHeaders {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The headers every message from the connection or sender carries; never changed. */
    private final Map<String, Object> shared;

    private final UUID id;

    private final long timestamp;

    /** All headers as one map, made when something asks for them all (iteration, equality, printing). */
    private transient volatile @Nullable Map<String, Object> all;

    private SharedHeaders(Map<String, Object> shared, long timestamp) {
        super(null, ID_VALUE_NONE, -1L);
        this.shared = shared;
        this.id = getIdGenerator().generateId();
        this.timestamp = timestamp;
    }

    /**
     * Headers for a new message: the given ones, which hold neither an id nor a timestamp and which the caller never
     * changes afterwards, with a new id and the current time.
     */
    public static SharedHeaders of(Map<String, Object> shared) {
        return of(shared, System.currentTimeMillis());
    }

    /** As {@link #of(Map)}, with a timestamp read by the caller ({@link System#currentTimeMillis()}). */
    static SharedHeaders of(Map<String, Object> shared, long timestamp) {
        return new SharedHeaders(shared, timestamp);
    }

    /**
     * The headers of a reply made from a message with the given headers, the way a transformer makes it: the same
     * headers and timestamp with a new id. Null when they are not shared headers, for the caller to copy.
     */
    static @Nullable SharedHeaders renewed(MessageHeaders headers) {
        return (headers instanceof SharedHeaders sharedHeaders)
                ? new SharedHeaders(sharedHeaders.shared, sharedHeaders.timestamp) : null;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public Long getTimestamp() {
        return timestamp;
    }

    @Override
    public @Nullable Object get(Object key) {
        if (ID.equals(key)) {
            return id;
        }
        if (TIMESTAMP.equals(key)) {
            return timestamp;
        }
        return shared.get(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T get(Object key, Class<T> type) {
        Object value = get(key);
        if (value == null) {
            return null;
        }
        if (!type.isAssignableFrom(value.getClass())) {
            throw new IllegalArgumentException("Incorrect type specified for header '" + key + "'. Expected [" + type
                    + "] but actual type is [" + value.getClass() + "]");
        }
        return (T) value;
    }

    @Override
    public boolean containsKey(Object key) {
        return ID.equals(key) || TIMESTAMP.equals(key) || shared.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return all().containsValue(value);
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return all().entrySet();
    }

    @Override
    public Set<String> keySet() {
        return all().keySet();
    }

    @Override
    public Collection<Object> values() {
        return all().values();
    }

    @Override
    public int size() {
        return shared.size() + 2;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    protected Map<String, Object> getRawHeaders() {
        return all();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return this == other || (other instanceof MessageHeaders headers && all().equals(headers));
    }

    @Override
    public int hashCode() {
        return all().hashCode();
    }

    @Override
    public String toString() {
        return all().toString();
    }

    private Map<String, Object> all() {
        Map<String, Object> headers = this.all;
        if (headers == null) {
            Map<String, Object> copy = new HashMap<>(shared);
            copy.put(ID, id);
            copy.put(TIMESTAMP, timestamp);
            headers = Collections.unmodifiableMap(copy);
            this.all = headers;
        }
        return headers;
    }

    /** Serialized as the plain {@code MessageHeaders} it reads as, with the same id and timestamp. */
    @Serial
    private Object writeReplace() {
        return new Serialized(all());
    }

    /** What a {@code SharedHeaders} is written as: the one way to give a plain {@code MessageHeaders} an id. */
    private static final class Serialized extends MessageHeaders {

        @Serial
        private static final long serialVersionUID = 1L;

        Serialized(Map<String, Object> headers) {
            super(headers, (UUID) headers.get(ID), (Long) headers.get(TIMESTAMP));
        }

    }

}
