package dev.handoffrail.app;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium}, headless, driven through its {@code chromedriver} (both from the Debian packages
 * {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs): no browser download, no network
 * beyond the loopback, a fresh profile per instance, removed on {@link #close}. When either program is missing the
 * test is skipped with a message, or fails when {@code CI=true}.
 */
final class HeadlessChromium implements AutoCloseable {
    static final String MISSING = "Chromium or chromedriver not installed — skipping the browser tests "
            + "(apt-get install chromium chromium-driver; set CI=true to make this a failure)";

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser, or aborts the test (fails it under CI) when Chromium or its driver is not installed. */
    static HeadlessChromium startOrSkip() throws IOException {
        Optional<Path> browser = program("chromium", "chromium-browser");
        Optional<Path> chromedriver = program("chromedriver");
        if (browser.isEmpty() || chromedriver.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("Chromium or chromedriver not installed and CI=true");
            }
            Assumptions.abort(MISSING);
        }
        Path profile = Files.createTempDirectory("handoffrail-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1280,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        // the driver's path is set here, so Selenium never looks for (or downloads) one
        ChromeDriverService service = ChromeDriverService.createDefaultService();
        service.setExecutable(chromedriver.get().toString());
        service.sendOutputTo(OutputStream.nullOutputStream());
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    /** The first of {@code names} found on the {@code PATH}. */
    private static Optional<Path> program(String... names) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : names) {
            for (String folder : path.split(File.pathSeparator)) {
                Path candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                List<Path> deepestFirst = files.sorted(Comparator.reverseOrder()).toList();
                for (Path file : deepestFirst) {
                    Files.deleteIfExists(file);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
