package io.socketflow.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import io.socketflow.SocketflowApplication;
import io.socketflow.support.SocketflowTest;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code socketflow client ...} as its own JVM: the application's main hands over to the client, stdout carries
 * the reply and nothing else (no banner, no log, whatever the working directory's configuration says), and the
 * process exits with the client's exit code.
 */
@SocketflowTest
class ClientProcessTests {

    @Autowired
    @Qualifier("uppercaseTcpServer")
    TcpServerListener uppercase;

    @Test
    void theProcessPrintsOnlyTheReplyAndExitsZero() throws Exception {
        Outcome outcome = client("tcp", "127.0.0.1", String.valueOf(uppercase.port()), "hello");

        assertThat(outcome.stdout()).isEqualTo("HELLO\n");
        assertThat(outcome.stderr()).isEmpty();
        assertThat(outcome.exitCode()).isZero();
    }

    @Test
    void theProcessExitsWithTheFailuresExitCode() throws Exception {
        String port = TcpClientTests.freePort();

        Outcome outcome = client("tcp", "127.0.0.1", port, "hello");

        assertThat(outcome.stdout()).isEmpty();
        assertThat(outcome.stderr()).isEqualTo("socketflow client: connection refused: 127.0.0.1:" + port + "\n");
        assertThat(outcome.exitCode()).isEqualTo(3);
    }

    @Test
    void theServicesConfigurationFilesDoNotReachTheClient(@TempDir Path workingDirectory) throws Exception {
        Path config = Files.createDirectories(workingDirectory.resolve("config"));
        Files.writeString(config.resolve("application.yml"), """
                spring.main.banner-mode: console
                spring.main.web-application-type: servlet
                logging.level.root: debug
                """);

        Outcome outcome = client(workingDirectory, "tcp", "127.0.0.1", String.valueOf(uppercase.port()), "hello");

        assertThat(outcome.stdout()).isEqualTo("HELLO\n");
        assertThat(outcome.stderr()).isEmpty();
        assertThat(outcome.exitCode()).isZero();
    }

    private static Outcome client(String... args) throws IOException, InterruptedException {
        return client(Path.of("."), args);
    }

    private static Outcome client(Path workingDirectory, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                SocketflowApplication.class.getName(), "client"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The client process did not end within 60s");
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(process.exitValue(), stdout, stderr);
    }

    private record Outcome(int exitCode, String stdout, String stderr) {
    }

}
