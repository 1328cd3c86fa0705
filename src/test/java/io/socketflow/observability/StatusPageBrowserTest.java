package io.socketflow.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

import com.jayway.jsonpath.JsonPath;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.socketflow.support.Http;
import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;
import io.socketflow.support.UdpTestClient;
import io.socketflow.transport.ServiceListener;
import io.socketflow.transport.TcpServerListener;
import io.socketflow.transport.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The status page in a real browser: Debian's headless Chromium, driven through its own chromedriver (Selenium
 * never looks for or downloads one), against the whole application on free ports.
 */
@SocketflowTest
class StatusPageBrowserTest {

    private static final Log logger = LogFactory.getLog(StatusPageBrowserTest.class);

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));

    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    /** The README's picture is this file, optimised and copied to docs/status-page.png. */
    private static final Path SCREENSHOT = Path.of("target", "status-page.png");

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /**
     * The test speaks WebDriver only, never the DevTools protocol, so Selenium's warnings that it has no DevTools
     * classes for this Chromium version are noise. Held here because java.util.logging keeps loggers weakly.
     */
    private static final List<java.util.logging.Logger> QUIET = List.of(
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            java.util.logging.Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    @LocalServerPort
    int httpPort;

    @Autowired
    List<ServiceListener> listeners;

    private ChromeDriver browser;

    @BeforeAll
    static void chromiumIsInstalled() {
        QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        // CI installs Chromium (.ci/run), so there a missing browser fails the test instead of skipping it.
        assumeTrue(installed || System.getenv("CI") != null,
                "Install Debian's chromium and chromium-driver to run the status page browser test");
    }

    @BeforeEach
    void openBrowser(@TempDir Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void pageShowsEveryListenerWithoutConsoleErrors() {
        open();
        assertThat(browser.getTitle()).isEqualTo("socketflow status");
        waitFor(() -> browser.findElements(By.cssSelector("#traffic-table tbody tr")).size() == listeners.size());
        for (ServiceListener listener : listeners) {
            String name = listener.id().beanName();
            WebElement row = browser.findElement(By.cssSelector("#traffic-table tr[data-listener='" + name + "']"));
            assertThat(row.findElement(By.tagName("th")).getText())
                    .isEqualTo(listener.id().service() + " " + listener.id().transport().name());
            assertThat(field(row, "address")).isEqualTo("127.0.0.1:" + listener.port());
            assertThat(field(row, "state")).isEqualTo("Up");
            assertThat(browser.findElements(By.cssSelector("#cards article[data-listener='" + name + "']"))).hasSize(1);
            assertThat(browser.findElements(By.cssSelector("#errors-table tr[data-listener='" + name + "']"))).hasSize(1);
        }
        assertThat(browser.findElement(By.id("relay")).getText()).isEqualTo("local");
        assertThat(browser.findElement(By.id("version")).getText()).startsWith("0.");
        assertThat(browser.findElements(By.cssSelector("header, nav, main, table caption, th[scope]"))).isNotEmpty();
        assertNoConsoleErrors();
    }

    @Test
    void openConnectionCountFollowsAClientConnectingAndLeaving() {
        TcpServerListener uppercase = (TcpServerListener) listener("uppercase", Transport.TCP);
        open();
        int before = uppercase.openConnections();
        waitForConnections("uppercaseTcp", before);
        try (TcpTestClient client = TcpTestClient.local(uppercase.port())) {
            client.send("hi\n");
            assertThat(client.readLine()).isEqualTo("HI\n");
            waitForConnections("uppercaseTcp", before + 1);
            assertThat(browser.findElement(By.cssSelector("#cards article[data-listener='uppercaseTcp'] [data-field='connections']"))
                    .getText()).isEqualTo(String.valueOf(before + 1));
        }
        waitForConnections("uppercaseTcp", before);
        assertNoConsoleErrors();
    }

    @Test
    void trafficShowsAsRatesTrendsErrorsAndChatMembers() {
        open();
        int uppercasePort = port("uppercase", Transport.TCP);
        int bytecountPort = port("bytecount", Transport.TCP);
        int chatPort = port("chat", Transport.TCP);
        try (TcpTestClient uppercase = TcpTestClient.local(uppercasePort);
                TcpTestClient bytecount = TcpTestClient.local(bytecountPort);
                TcpTestClient alice = chatMember(chatPort, "alice");
                TcpTestClient bob = chatMember(chatPort, "bob");
                UdpTestClient udp = new UdpTestClient(0)) {
            assertThat(alice.readLine()).endsWith(" joined\n");
            assertThat(alice.readLine()).endsWith(" is now bob\n");
            for (int round = 0; round < 8; round++) {
                int sampled = samplesWithTraffic();
                for (int i = 0; i < 4 + (round * 5) % 9; i++) {
                    uppercase.send("hello socketflow\n");
                    assertThat(uppercase.readLine()).isEqualTo("HELLO SOCKETFLOW\n");
                    bytecount.send("Testing Connection\n");
                    assertThat(bytecount.readLine()).isEqualTo("Your data was 18 bytes\n");
                }
                assertThat(udp.exchange("datagram " + round, port("uppercase", Transport.UDP))).isEqualTo("DATAGRAM " + round);
                assertThat(udp.exchange("Hi", port("bytecount", Transport.UDP))).isEqualTo("Your data was 2 bytes");
                alice.send("round " + round + "\n");
                assertThat(bob.readLine()).isEqualTo("alice: round " + round + "\n");
                await().atMost(PATIENCE).until(() -> samplesWithTraffic() > sampled);
            }
            try (TcpTestClient oversized = TcpTestClient.local(bytecountPort)) {
                oversized.send("x".repeat(70_000) + "\n");
                assertThat(new String(oversized.readToEnd())).isEqualTo("ERROR message exceeds 65536 bytes\n");
            }
            By uppercaseRow = By.cssSelector("#traffic-table tr[data-listener='uppercaseTcp']");
            waitFor(() -> !List.of("0", "—").contains(field(browser.findElement(uppercaseRow), "in"))
                    && !field(browser.findElement(uppercaseRow), "p99").equals("—"));
            waitFor(() -> browser.findElement(By.cssSelector("#errors-table tr[data-listener='bytecountTcp'] [data-reason='too_large']"))
                    .getText().equals("1"));
            assertThat(browser.findElement(By.cssSelector("#errors-table thead")).getText())
                    .as("columns for TLS and PROXY header failures only where a listener has them")
                    .contains("Too large", "I/O").doesNotContain("TLS").doesNotContain("PROXY");
            waitFor(() -> browser.findElement(By.id("chat-table")).getText().contains("alice"));
            assertThat(browser.findElement(By.id("chat-table")).getText()).contains("bob", "127.0.0.1:");
            assertThat(browser.findElement(By.cssSelector("#cards article[data-listener='uppercaseTcp'] .line-in"))
                    .getAttribute("d")).contains("L");
            saveScreenshot();
        }
        assertNoConsoleErrors();
    }

    private void open() {
        browser.get("http://127.0.0.1:" + httpPort + "/");
    }

    private void waitForConnections(String listener, int count) {
        By cell = By.cssSelector("#traffic-table tr[data-listener='" + listener + "'] [data-field='connections']");
        waitFor(() -> browser.findElement(cell).getText().equals(String.valueOf(count)));
    }

    private void waitFor(BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE, Duration.ofMillis(100))
                .ignoring(NoSuchElementException.class)
                .until(driver -> condition.getAsBoolean());
    }

    private static String field(WebElement container, String name) {
        return container.findElement(By.cssSelector("[data-field='" + name + "']")).getText();
    }

    /** Samples of the last minute in which uppercase TCP received something, as the JSON endpoint reports them. */
    private int samplesWithTraffic() {
        List<Number> received = JsonPath.parse(new Http(httpPort).get("/api/status").body())
                .read("$.listeners[?(@.name == 'uppercaseTcp')].history.messagesReceivedPerSecond[*]");
        return (int) received.stream().filter(rate -> rate.doubleValue() > 0).count();
    }

    private static TcpTestClient chatMember(int port, String nick) {
        TcpTestClient member = TcpTestClient.local(port);
        assertThat(member.readLine()).startsWith("* welcome ");
        member.send("/nick " + nick + "\n");
        assertThat(member.readLine()).isEqualTo("* you are now " + nick + "\n");
        return member;
    }

    private void assertNoConsoleErrors() {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    /** The README's screenshot of the whole page, 1280 pixels wide; failing to write it never fails the test. */
    private void saveScreenshot() {
        try {
            Dimension window = browser.manage().window().getSize();
            long viewport = ((Number) browser.executeScript("return window.innerHeight")).longValue();
            long page = ((Number) browser.executeScript("return document.documentElement.scrollHeight")).longValue();
            browser.manage().window().setSize(new Dimension(window.getWidth(), (int) (window.getHeight() - viewport + page)));
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
            logger.info("Status page screenshot: " + SCREENSHOT.toAbsolutePath());
        }
        catch (IOException | RuntimeException ex) {
            logger.warn("Could not save the status page screenshot to " + SCREENSHOT + ": " + ex);
        }
    }

    private ServiceListener listener(String service, Transport transport) {
        return listeners.stream()
                .filter(listener -> listener.id().service().equals(service) && listener.id().transport() == transport)
                .findFirst()
                .orElseThrow();
    }

    private int port(String service, Transport transport) {
        return Ports.of(listeners, service, transport);
    }

}
