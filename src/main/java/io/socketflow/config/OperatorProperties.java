package io.socketflow.config;

import org.jspecify.annotations.Nullable;

/**
 * The operator API: {@code socketflow.operator.*}.
 *
 * @param token the bearer token that writes (broadcast, kick) require; with none set, every write is refused
 */
public record OperatorProperties(@Nullable String token) {

    public boolean hasToken() {
        return token != null && !token.isBlank();
    }

}
