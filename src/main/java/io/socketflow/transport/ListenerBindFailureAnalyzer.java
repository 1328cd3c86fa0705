package io.socketflow.transport;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a listener that could not bind (typically: the port is in use) the way Spring Boot reports
 * its own web server's port conflict, instead of a stack trace: what failed, why, and the setting to change.
 */
class ListenerBindFailureAnalyzer extends AbstractFailureAnalyzer<ListenerBindException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ListenerBindException cause) {
        ListenerId listener = cause.listener();
        String transport = listener.transport().label();
        String key = "socketflow." + listener.service() + "." + transport;
        String address = cause.bindAddress();
        String otherPort = "give this listener another port (" + key + ".port, 0 for any free port) or disable it ("
                + key + ".enabled=false).";
        String otherAddress = "Set " + key + ".bind-address to an address of this machine: 0.0.0.0 (every IPv4 "
                + "address), :: (IPv6 and IPv4), 127.0.0.1 (this machine only), or one of its interfaces' addresses.";
        String reason;
        String action;
        switch (cause.reason()) {
            case PORT_IN_USE -> {
                reason = "the port is already in use";
                action = "Stop the process that holds " + transport + " port " + cause.port() + ", or " + otherPort;
            }
            case ADDRESS_NOT_LOCAL -> {
                reason = address + " is not an address of this machine";
                action = otherAddress;
            }
            case UNKNOWN_HOST -> {
                reason = address + " is neither an IP address nor a host name that resolves";
                action = otherAddress;
            }
            case PERMISSION_DENIED -> {
                reason = "the port needs privileges this process does not have (ports below 1024 do, for a "
                        + "non-root user)";
                action = "Run as a user allowed to bind it, or " + otherPort;
            }
            default -> {
                reason = String.valueOf(cause.getCause().getMessage());
                action = "Check " + key + ".bind-address and " + key + ".port, or " + otherPort;
            }
        }
        String description = "The " + listener + " listener could not bind " + address + ":" + cause.port() + " ("
                + transport + "): " + reason + ".";
        return new FailureAnalysis(description, action, cause);
    }

}
