package io.socketflow.transport;

import java.net.BindException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a listener that could not bind (typically: the port is in use) the way Spring Boot reports
 * its own web server's port conflict, instead of a stack trace.
 */
class ListenerBindFailureAnalyzer extends AbstractFailureAnalyzer<ListenerBindException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ListenerBindException cause) {
        ListenerId listener = cause.listener();
        String key = "socketflow." + listener.service() + "." + listener.transport().label();
        String reason = (cause.getCause() instanceof BindException) ? "the port is already in use or not allowed"
                : String.valueOf(cause.getCause().getMessage());
        String description = "The " + listener + " listener could not bind " + cause.bindAddress() + ":"
                + cause.port() + " (" + listener.transport().label() + "): " + reason + ".";
        String action = "Stop the process that holds " + listener.transport().label() + " port " + cause.port()
                + ", or give this listener another port (" + key + ".port, 0 for any free port) or disable it ("
                + key + ".enabled=false).";
        return new FailureAnalysis(description, action, cause);
    }

}
