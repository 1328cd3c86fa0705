package io.socketflow.client;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

import io.socketflow.client.ClientRequest.Protocol;
import io.socketflow.config.Framing;

/**
 * Reads the client's command line: {@code tcp|udp|chat HOST PORT [MESSAGE]} and options, given as
 * {@code --name value} or {@code --name=value}, anywhere after the command; {@code --} ends the options.
 */
final class ClientArguments {

    private static final Set<String> HELP = Set.of("--help", "-h");

    private static final String FRAMING = "framing";

    private static final String TIMEOUT = "timeout";

    private static final String BIND_PORT = "bind-port";

    private static final String TRUST = "trust";

    private static final Set<String> OPTIONS = Set.of(FRAMING, TIMEOUT, BIND_PORT, TRUST);

    private static final String TLS = "tls";

    private static final String INSECURE = "insecure";

    private static final Set<String> FLAGS = Set.of(TLS, INSECURE);

    private final Set<String> flags = new java.util.HashSet<>();

    private final List<String> positional = new ArrayList<>();

    private final Map<String, String> options = new HashMap<>();

    private ClientArguments(List<String> args) {
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("--")) {
                positional.add(arg);
            }
            else if (arg.equals("--")) {
                optionsEnded = true;
            }
            else {
                int equals = arg.indexOf('=');
                String name = (equals < 0) ? arg.substring(2) : arg.substring(2, equals);
                if (FLAGS.contains(name) && equals < 0) {
                    flags.add(name);
                    continue;
                }
                if (!OPTIONS.contains(name)) {
                    throw new UsageException("unknown option --" + name);
                }
                if (equals < 0 && i + 1 == args.size()) {
                    throw new UsageException("--" + name + " needs a value");
                }
                String value = (equals < 0) ? args.get(++i) : arg.substring(equals + 1);
                if (options.put(name, value) != null) {
                    throw new UsageException("--" + name + " is given twice");
                }
            }
        }
    }

    /** Whether {@code --help} (or {@code -h}) is among the options. */
    static boolean asksForHelp(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (HELP.contains(arg)) {
                return true;
            }
        }
        return false;
    }

    static ClientRequest parse(List<String> args) {
        return new ClientArguments(args).request();
    }

    private ClientRequest request() {
        Protocol protocol = protocol();
        String host = positional(1, "HOST");
        int port = port(positional(2, "PORT"), "PORT", 1);
        List<String> messages = positional.subList(3, positional.size());
        if (messages.size() > 1) {
            throw new UsageException("unexpected argument '" + messages.get(1) + "' (quote a MESSAGE that has spaces)");
        }
        String message = messages.isEmpty() ? null : messages.get(0);
        if (protocol == Protocol.UDP && message == null) {
            throw new UsageException("udp needs a MESSAGE");
        }
        if (protocol == Protocol.CHAT && message != null) {
            throw new UsageException("chat takes no MESSAGE: it sends stdin lines");
        }
        onlyFor(BIND_PORT, protocol, Protocol.UDP);
        if (protocol == Protocol.UDP && (flags.contains(TLS) || flags.contains(INSECURE) || options.containsKey(TRUST))) {
            throw new UsageException("--tls does not apply to udp");
        }
        if (protocol == Protocol.UDP) {
            onlyFor(FRAMING, protocol, Protocol.TCP, Protocol.CHAT);
        }
        return new ClientRequest(protocol, host, port, message, framing(), timeout(),
                options.containsKey(BIND_PORT) ? port(options.get(BIND_PORT), "--bind-port", 0) : 0, tls());
    }

    private @Nullable ClientTls tls() {
        boolean insecure = flags.contains(INSECURE);
        String trust = options.get(TRUST);
        if (!flags.contains(TLS)) {
            if (insecure || trust != null) {
                throw new UsageException("--" + (insecure ? INSECURE : TRUST) + " goes with --tls");
            }
            return null;
        }
        if (insecure && trust != null) {
            throw new UsageException("--insecure and --trust exclude each other");
        }
        return new ClientTls((trust != null) ? java.nio.file.Path.of(trust) : null, insecure);
    }

    private Protocol protocol() {
        String command = positional(0, "command (tcp, udp or chat)");
        return switch (command) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            case "chat" -> Protocol.CHAT;
            default -> throw new UsageException("unknown command '" + command + "': tcp, udp or chat");
        };
    }

    private String positional(int index, String name) {
        if (positional.size() <= index) {
            throw new UsageException("missing " + name);
        }
        return positional.get(index);
    }

    private void onlyFor(String option, Protocol protocol, Protocol... allowed) {
        if (options.containsKey(option) && !List.of(allowed).contains(protocol)) {
            throw new UsageException("--" + option + " does not apply to " + protocol.name().toLowerCase(Locale.ROOT));
        }
    }

    private static int port(String value, String name, int lowest) {
        try {
            int port = Integer.parseInt(value);
            if (port >= lowest && port <= 65535) {
                return port;
            }
        }
        catch (NumberFormatException ex) {
            // reported below, like an out-of-range number
        }
        throw new UsageException(name + " must be a number from " + lowest + " to 65535, was '" + value + "'");
    }

    private Framing framing() {
        String value = options.getOrDefault(FRAMING, "text");
        return switch (value) {
            case "text" -> Framing.TEXT;
            case "line" -> Framing.LINE;
            case "length-prefix" -> Framing.LENGTH_PREFIX;
            default -> throw new UsageException("--framing must be text, line or length-prefix, was '" + value + "'");
        };
    }

    private Duration timeout() {
        String value = options.get(TIMEOUT);
        if (value == null) {
            return ClientRequest.DEFAULT_TIMEOUT;
        }
        Duration timeout;
        try {
            timeout = DurationStyle.detectAndParse(value, ChronoUnit.SECONDS);
        }
        catch (IllegalArgumentException ex) {
            throw new UsageException("--timeout must be a duration such as 5s, 500ms or 2, was '" + value + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new UsageException("--timeout must be positive, was '" + value + "'");
        }
        return timeout;
    }

}
