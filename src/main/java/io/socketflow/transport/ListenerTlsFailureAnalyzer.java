package io.socketflow.transport;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a listener whose TLS settings cannot work as one description and one action, instead of a stack trace.
 */
class ListenerTlsFailureAnalyzer extends AbstractFailureAnalyzer<ListenerTlsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ListenerTlsException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }

}
