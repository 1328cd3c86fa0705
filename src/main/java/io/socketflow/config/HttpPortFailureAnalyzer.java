package io.socketflow.config;

import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Reports an HTTP port out of range as the listeners' ports are reported, in one line, instead of the stack trace
 * the web server's start leaves: Boot does not check {@code server.port} before the server binds it.
 */
class HttpPortFailureAnalyzer implements FailureAnalyzer {

    private static final String OUT_OF_RANGE = "port out of range:";

    private final Environment environment;

    HttpPortFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof IllegalArgumentException
                && cause.getMessage() != null && cause.getMessage().startsWith(OUT_OF_RANGE))) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return null;
        }
        String message = cause.getMessage();
        String port = message.substring(OUT_OF_RANGE.length()).strip();
        String key = Stream.of("server.port", "management.server.port")
                .filter(name -> port.equals(environment.getProperty(name)))
                .findFirst()
                .orElse(null);
        if (key == null) {
            return null;
        }
        return new FailureAnalysis("Invalid setting " + key + "=" + port + ": must be between 0 and 65535.",
                "Fix the setting: 0 to 65535, 0 for any free port.", cause);
    }

}
