package io.socketflow.client;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

import io.socketflow.client.ClientApplication.Jvm;
import io.socketflow.config.Framing;

/**
 * {@code socketflow client tcp|udp|chat ...}: the service's protocols spoken from the command line through Spring
 * Integration outbound adapters. Replies go to stdout exactly as received, one per line; anything that goes wrong
 * is one line on stderr and an {@link ExitCode}.
 */
public final class ClientCommand {

    private static final String PREFIX = "socketflow client: ";

    private final HostResolver resolver;

    private final Jvm jvm;

    ClientCommand(HostResolver resolver, Jvm jvm) {
        this.resolver = resolver;
        this.jvm = jvm;
    }

    /**
     * Runs the client as the process: it owns the JVM (see {@link Jvm#OWN}), stdin and stdout are the process's,
     * and the JVM exits with the client's exit code.
     */
    public static void main(String[] args) {
        System.exit(new ClientCommand(InetAddress::getByName, Jvm.OWN).execute(args, System.in, System.out,
                System.err));
    }

    /**
     * Runs the client inside the calling application, whose logging and JVM-wide settings are left as they are.
     * @param args the arguments after {@code client}
     * @return the exit code
     */
    public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        return new ClientCommand(InetAddress::getByName, Jvm.SHARED).execute(args, stdin, stdout, stderr);
    }

    int execute(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        List<String> arguments = List.of(args);
        if (ClientArguments.asksForHelp(arguments)) {
            stdout.print(Usage.HELP);
            stdout.flush();
            return ExitCode.OK.code();
        }
        try {
            ClientRequest request = ClientArguments.parse(arguments);
            Target target = resolve(request);
            try (ConfigurableApplicationContext context = ClientApplication.start(jvm)) {
                converse(request, target, context, stdin, new ReplyPrinter(stdout));
            }
            return ExitCode.OK.code();
        }
        catch (UsageException ex) {
            return report(stderr, ex.getMessage() + System.lineSeparator() + Usage.SYNOPSIS + Usage.MORE,
                    ExitCode.USAGE);
        }
        catch (ClientFailure failure) {
            return report(stderr, failure.getMessage() + System.lineSeparator(), failure.exitCode());
        }
        catch (RuntimeException ex) {
            return report(stderr, "failed: " + rootCause(ex) + System.lineSeparator(), ExitCode.FAILURE);
        }
    }

    private static int report(PrintStream stderr, String text, ExitCode exitCode) {
        stderr.print(PREFIX + text);
        stderr.flush();
        return exitCode.code();
    }

    /** What a failure of the client itself (its context not starting, say) comes down to, in one line. */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return (root.getMessage() != null) ? root.getMessage() : root.getClass().getName();
    }

    private Target resolve(ClientRequest request) {
        try {
            return new Target(request.host(), resolver.resolve(request.host()), request.port());
        }
        catch (UnknownHostException ex) {
            throw ClientFailure.unknownHost(request.host(), ex);
        }
    }

    private static void converse(ClientRequest request, Target target, ConfigurableApplicationContext context,
            InputStream stdin, ReplyPrinter printer) {
        IntegrationFlowContext flows = context.getBean(IntegrationFlowContext.class);
        String message = request.message();
        switch (request.protocol()) {
            case TCP -> {
                Iterator<byte[]> messages = (message != null) ? messagesOf(message, request.framing())
                        : new InputLines(stdin);
                new TcpSession(request, target, printer).run(flows, messages);
            }
            case UDP -> new UdpSession(request, target, printer).run(flows, utf8(message));
            case CHAT -> new ChatSession(request, target, printer).run(context, flows, stdin);
        }
    }

    /**
     * A MESSAGE given on the command line: in {@code text} and {@code line} framing a newline in it ends a message, as
     * the server reads it, so its lines go as stdin lines do and every reply is printed; in {@code length-prefix} it
     * is one frame.
     */
    private static Iterator<byte[]> messagesOf(String message, Framing framing) {
        if (framing == Framing.LENGTH_PREFIX || message.indexOf('\n') < 0) {
            return List.of(utf8(message)).iterator();
        }
        return new InputLines(new ByteArrayInputStream(utf8(message)));
    }

    private static byte[] utf8(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }

    /** Finds a host's address; the system's resolver unless a test supplies one. */
    @FunctionalInterface
    interface HostResolver {

        InetAddress resolve(String host) throws UnknownHostException;

    }

}
