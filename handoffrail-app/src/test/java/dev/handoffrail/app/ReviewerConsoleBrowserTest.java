package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reviewer console at {@code /console} in a real browser (headless Chromium) against the real application on
 * SQLite: what a reviewer does, checked on the screen and through the API. Screenshots of the queue and of a packet
 * go to {@code target/console-screenshots/} for review. The tests share one application and one browser and do not
 * depend on one another; the first one runs first only so that its screenshots show its own packets alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewerConsoleBrowserTest {
    private static final String ADMIN_KEY = "hr_consoleBrowserBootstrapKey_0123456789abcdef";
    private static final String KEY_STORAGE = "handoffrail.console.key";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private HeadlessChromium chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private Application app;
    private ApiClient admin;
    private String base;
    private String agentKey;
    private String readerKey;

    @BeforeAll
    void start() throws Exception {
        chromium = HeadlessChromium.startOrSkip();
        browser = chromium.driver;
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Map<String, String> env = Map.of("HR_DATABASE_URL", "sqlite:///" + dir.resolve("console.db"),
                "HR_PORT", String.valueOf(freePort()), "HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY, "HR_LOG_LEVEL", "error",
                "HR_SHUTDOWN_GRACE_SECONDS", "3",
                "HR_TIER_QUOTAS", "{\"business\": {\"requests_per_minute\": -1, \"requests_per_hour\": -1}}");
        app = Application.start(AppConfig.fromEnv(env), ApplicationEndToEndTest.quietBanner());
        base = "http://127.0.0.1:" + app.port();
        admin = new ApiClient(app.port(), ADMIN_KEY);
        agentKey = key("reviewer", "agent");
        readerKey = key("auditor", "reader");
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    @BeforeEach
    void freshTab() {
        browser.get(base + "/console");
        browser.executeScript("sessionStorage.clear(); localStorage.clear();");
        browser.get(base + "/console");
        wait.until(visibilityOfElementLocated(By.id("key-input")));
        browser.manage().logs().get(LogType.BROWSER);
    }

    @Test
    @Order(1)
    void a_reviewer_answers_a_checkpoint_with_an_option_and_the_packet_leaves_the_queue() throws Exception {
        create(packet("Refund request for a damaged order", "low", "Send a replacement?", List.of("Yes", "No"),
                7200));
        create(packet("Enterprise contract above the approval limit", "critical", "Sign the contract?",
                List.of("Sign", "Escalate"), 600));
        signIn(agentKey);
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console");
        assertThat(browser.manage().getCookies()).isEmpty();
        assertThat(browser.executeScript("return sessionStorage.getItem('" + KEY_STORAGE + "')"))
                .isEqualTo(agentKey);

        String id = create(richPacket());
        WebElement row = wait.until(visibilityOfElementLocated(queueRow(id)));
        assertThat(row.getText()).contains("Approve the $500 refund?").contains("high priority")
                .contains("SalesBot (sales-01) → BillingBot (billing-01)").contains(" left")
                .contains("Customer wants a refund for a late delivery");
        List<String> order = browser.findElements(By.cssSelector("#queue-list .queue-link")).stream()
                .map(WebElement::getText).toList();
        assertThat(order.indexOf("Sign the contract?")).isLessThan(order.indexOf("Approve the $500 refund?"));
        assertThat(order.indexOf("Approve the $500 refund?")).isLessThan(order.indexOf("Send a replacement?"));
        screenshot("queue");

        row.findElement(By.tagName("a")).sendKeys(Keys.ENTER);
        wait.until(textToBe(By.id("detail-title"), "Approve the $500 refund?"));
        assertThat(text("detail-summary")).isEqualTo("Customer wants a refund for a late delivery");
        assertThat(text("detail-status")).isEqualTo("awaiting human");
        assertThat(text("section-conversation")).contains("I want my money back").contains("Let me ask a manager.");
        assertThat(text("section-decisions")).contains("Offer a refund").contains("Order is 10 days late");
        assertThat(text("section-actions")).contains("Pending (1)").contains("Issue the refund")
                .contains("Completed (1)").contains("Checked the order").contains("Failed (0)");
        assertThat(text("section-dependencies")).contains("stripe · api · available");
        assertThat(text("section-artifacts")).contains("order").contains("\"total\": 500");
        assertThat(text("section-history")).contains("created by agent:sales-01");
        screenshot("detail");

        WebElement name = browser.findElement(By.id("responded-by"));
        name.clear();
        name.sendKeys("manager@example.com");
        browser.findElement(By.id("answer-notes")).sendKeys("VIP customer");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getAttribute("data-option")).isEqualTo("Approve");
        new Actions(browser).sendKeys(Keys.ENTER).perform();

        wait.until(visibilityOfElementLocated(By.id("queue")));
        wait.until(numberOfElementsToBe(queueRow(id), 0));
        assertThat(text("announce")).isEqualTo("Answered “Approve” for packet " + id.substring(0, 8)
                + "; it is now claimed.");
        JsonNode answered = admin.get("/api/v1/packets/" + id).body();
        assertThat(answered.get("status").asText()).isEqualTo("claimed");
        assertThat(answered.at("/hitl/response").asText()).isEqualTo("Approve");
        assertThat(answered.at("/hitl/responded_by").asText()).isEqualTo("manager@example.com");
        assertThat(answered.at("/hitl/notes").asText()).isEqualTo("VIP customer");
        JsonNode events = admin.get("/api/v1/packets/" + id + "/history").body().get("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(1).get("event_type").asText()).isEqualTo("hitl_responded");
        assertThat(events.get(1).get("actor").asText()).isEqualTo("human:manager@example.com");
        assertNoConsoleErrors();
    }

    @Test
    void the_queue_updates_live_from_the_event_stream_while_polling_is_slowed_down() throws Exception {
        // an hour between polls: within the few seconds below only the stream can bring a change
        browser.executeScript("sessionStorage.setItem('handoffrail.console.poll_seconds', '3600')");
        signIn(agentKey);
        wait.until(attributeToBe(By.id("update-mode"), "data-mode", "live"));
        assertThat(text("update-mode")).isEqualTo("Live: updates as packets arrive.");
        WebDriverWait streamed = new WebDriverWait(browser, Duration.ofSeconds(5));

        String id = create(packet("Arrived through the stream", "normal", "Ship the spare part?",
                List.of("Ship", "Hold"), 3600));
        assertThat(streamed.until(visibilityOfElementLocated(queueRow(id))).getText())
                .contains("Ship the spare part?");

        ApiClient.Reply answered = admin.send("POST", "/api/v1/packets/" + id + "/respond",
                "{\"response\": \"Ship\", \"responded_by\": \"elsewhere@example.com\"}");
        assertThat(answered.status()).isEqualTo(200);
        streamed.until(numberOfElementsToBe(queueRow(id), 0));

        String deleted = create(packet("Deleted while waiting", "low", "Keep the old address?",
                List.of("Yes", "No"), 3600));
        streamed.until(visibilityOfElementLocated(queueRow(deleted)));
        assertThat(admin.send("DELETE", "/api/v1/packets/" + deleted, "").status()).isEqualTo(204);
        streamed.until(numberOfElementsToBe(queueRow(deleted), 0));
        assertThat(browser.findElement(By.id("update-mode")).getAttribute("data-mode")).isEqualTo("live");
        assertNoConsoleErrors();
    }

    @Test
    void a_reader_key_sees_the_queue_but_cannot_answer() throws Exception {
        String id = create(packet("Discount above policy", "normal", "Allow a 30% discount?",
                List.of("Allow", "Refuse"), null));
        signIn(readerKey);
        assertThat(text("session-role")).isEqualTo("Signed in with a reader key (read only)");

        wait.until(visibilityOfElementLocated(queueRow(id))).findElement(By.tagName("a")).click();
        wait.until(textToBe(By.id("detail-title"), "Allow a 30% discount?"));
        assertThat(text("answer-denied")).isEqualTo("Your key has role reader: it can read the queue but not answer."
                + " Answering needs a key of role agent or higher.");
        assertThat(browser.findElements(By.cssSelector("#answer-form button[data-option]"))).hasSize(2)
                .allSatisfy(button -> assertThat(button.isEnabled()).isFalse());
        assertThat(browser.findElement(By.id("responded-by")).isEnabled()).isFalse();
        assertThat(text("section-checkpoint")).contains("Time left\nno timeout").doesNotContain("Timeout");
        assertThat(admin.get("/api/v1/packets/" + id).body().get("status").asText()).isEqualTo("awaiting_human");
        assertNoConsoleErrors();
    }

    @Test
    void a_packet_answered_elsewhere_shows_the_conflict_and_leaves_the_queue() throws Exception {
        String id = create(packet("Address change for a shipped order", "high", "Redirect the parcel?",
                List.of("Redirect", "Keep"), 3600));
        signIn(agentKey);
        wait.until(visibilityOfElementLocated(queueRow(id))).findElement(By.tagName("a")).click();
        wait.until(textToBe(By.id("detail-title"), "Redirect the parcel?"));
        browser.findElement(By.id("responded-by")).sendKeys("late@example.com");

        ApiClient.Reply first = admin.send("POST", "/api/v1/packets/" + id + "/respond",
                "{\"response\": \"Keep\", \"responded_by\": \"first@example.com\"}");
        assertThat(first.status()).isEqualTo(200);
        browser.findElement(By.cssSelector("#answer-form button[data-option='Redirect']")).click();

        wait.until(visibilityOfElementLocated(By.id("alert")));
        assertThat(text("alert")).isEqualTo("Not answered: this packet is no longer waiting for a human; someone else"
                + " answered it first or it was moved on (Packet is in 'claimed' status, not 'awaiting_human'."
                + " Cannot respond.).");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("alert");
        assertThat(text("detail-status")).isEqualTo("claimed");
        assertThat(text("answer-closed")).isEqualTo("Nothing to answer: this packet is in status claimed, not awaiting"
                + " a human.");
        assertThat(text("section-checkpoint")).contains("Response\nKeep").contains("first@example.com");
        JsonNode packet = admin.get("/api/v1/packets/" + id).body();
        assertThat(packet.at("/hitl/response").asText()).isEqualTo("Keep");
        assertThat(packet.at("/hitl/responded_by").asText()).isEqualTo("first@example.com");

        browser.findElement(By.id("back")).click();
        wait.until(visibilityOfElementLocated(By.id("queue")));
        wait.until(numberOfElementsToBe(queueRow(id), 0));
    }

    @Test
    void a_summary_with_markup_is_shown_as_text_and_never_run() throws Exception {
        String summary = "<img src=x onerror=\"window.__xss='img'\"><script>window.__xss='script'</script>"
                + "<b>not bold</b>";
        String question = "<i>Approve</i> & <a href=\"javascript:window.__xss='link'\">this</a>?";
        String id = create(packet(summary, "critical", question, List.of("<b>Yes</b>"), 600));
        signIn(agentKey);
        WebElement row = wait.until(visibilityOfElementLocated(queueRow(id)));
        assertThat(row.findElement(By.className("queue-link")).getText()).isEqualTo(question);
        assertThat(row.findElement(By.className("queue-summary")).getText()).isEqualTo(summary);

        row.findElement(By.className("queue-link")).click();
        wait.until(textToBe(By.id("detail-title"), question));
        assertThat(text("detail-summary")).isEqualTo(summary);
        assertThat(browser.findElement(By.cssSelector("#answer-form button[data-option]")).getText())
                .isEqualTo("<b>Yes</b>");
        assertThat(browser.executeScript("return document.querySelectorAll("
                + "'#detail-body img, #detail-body script, #detail-body b, #detail-body i, #detail-title *,"
                + " #queue-list img, #queue-list script, #queue-list b').length")).isEqualTo(0L);
        assertThat(browser.executeScript("return window.__xss === undefined")).isEqualTo(true);
        assertNoConsoleErrors();
    }

    @Test
    void a_key_the_server_refuses_is_explained_and_not_kept() {
        WebElement input = browser.findElement(By.id("key-input"));
        input.sendKeys("not a key", Keys.ENTER);
        assertThat(text("key-error")).isEqualTo("That is not an API key: a key starts with hr_ followed by letters,"
                + " digits, - and _.");

        input.clear();
        input.sendKeys("hr_" + "x".repeat(43), Keys.ENTER);
        wait.until(textToBe(By.id("key-error"),
                "The server does not accept this key (Invalid API key). Paste a valid key."));
        assertThat(input.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("queue")).isDisplayed()).isFalse();
        assertThat(browser.executeScript("return sessionStorage.getItem('" + KEY_STORAGE + "')")).isNull();
    }

    @Test
    void forgetting_the_key_removes_it_from_the_tab() {
        signIn(readerKey);
        browser.findElement(By.id("sign-out")).click();
        wait.until(visibilityOfElementLocated(By.id("key-input")));
        assertThat(browser.executeScript("return sessionStorage.length")).isEqualTo(0L);
        assertThat(browser.findElement(By.id("queue")).isDisplayed()).isFalse();
        assertThat(text("announce")).isEqualTo("The key was forgotten.");
    }

    @Test
    void at_375_pixels_nothing_overflows_and_every_control_has_a_label() throws Exception {
        String id = create(packet("A".repeat(300) + " an unbroken token that must wrap", "normal",
                "Ship to the new address?", List.of(), 86_400));
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
        try {
            assertThat(unlabelledControls()).isEmpty();
            signIn(agentKey);
            wait.until(visibilityOfElementLocated(queueRow(id)));
            assertThat(horizontalOverflow()).isZero();
            assertThat(unlabelledControls()).isEmpty();

            browser.findElement(queueRow(id)).findElement(By.tagName("a")).click();
            wait.until(textToBe(By.id("detail-title"), "Ship to the new address?"));
            assertThat(browser.findElement(By.id("answer-text")).isDisplayed()).isTrue();
            assertThat(horizontalOverflow()).isZero();
            assertThat(unlabelledControls()).isEmpty();
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve("detail-375px.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        assertNoConsoleErrors();
    }

    private void signIn(String key) {
        browser.findElement(By.id("key-input")).sendKeys(key, Keys.ENTER);
        wait.until(visibilityOfElementLocated(By.id("queue-list")));
    }

    private static By queueRow(String id) {
        return By.cssSelector("#queue-list li[data-packet-id='" + id + "']");
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private long horizontalOverflow() {
        return (Long) browser.executeScript(
                "return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");
    }

    /** Visible form controls with no label, no aria-label and (buttons) no text. */
    private List<?> unlabelledControls() {
        return (List<?>) browser.executeScript("""
                return [...document.querySelectorAll('input, textarea, select, button')]
                  .filter((e) => e.offsetParent !== null)
                  .filter((e) => e.tagName === 'BUTTON'
                    ? !e.textContent.trim() && !e.getAttribute('aria-label')
                    : e.labels.length === 0 && !e.getAttribute('aria-label'))
                  .map((e) => e.id || e.outerHTML);""");
    }

    /** The visible page, as tall as its content (at most 2400 px), as target/console-screenshots/{name}.png. */
    private void screenshot(String name) throws IOException {
        Dimension size = browser.manage().window().getSize();
        long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
        int tall = (int) Math.min(2400, Math.max(height + 150, 600));
        browser.manage().window().setSize(new Dimension(size.getWidth(), tall));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    /** No script error and no policy violation; failed API calls (403, 409) are logged by Chromium and expected. */
    private void assertNoConsoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()
                    && !entry.getMessage().contains("the server responded with a status of")) {
                errors.add(entry.getMessage());
            }
        }
        assertThat(errors).isEmpty();
    }

    private String key(String name, String role) throws Exception {
        ApiClient.Reply created = admin.send("POST", "/api/v1/keys",
                "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("key").asText();
    }

    private String create(ObjectNode packet) throws Exception {
        ApiClient.Reply created = admin.send("POST", "/api/v1/packets", JSON.writeValueAsString(packet));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private static ObjectNode packet(String summary, String priority, String question, List<String> options,
                                     Integer timeoutSeconds) {
        ObjectNode packet = JSON.createObjectNode();
        ObjectNode metadata = packet.putObject("metadata");
        metadata.putObject("source_agent").put("id", "sales-01").put("name", "SalesBot");
        metadata.putObject("target_agent").put("id", "billing-01").put("name", "BillingBot");
        metadata.put("priority", priority);
        packet.putObject("context").put("summary", summary);
        ObjectNode hitl = packet.putObject("hitl").put("required", true).put("reason", "Needs a human decision")
                .put("question", question);
        ArrayNode choices = hitl.putArray("options");
        options.forEach(choices::add);
        if (timeoutSeconds != null) {
            hitl.put("timeout_seconds", timeoutSeconds);
        }
        return packet;
    }

    private static ObjectNode richPacket() throws IOException {
        ObjectNode packet = packet("Customer wants a refund for a late delivery", "high", "Approve the $500 refund?",
                List.of("Approve", "Deny"), 3600);
        ((ObjectNode) packet.get("hitl")).put("reason", "Refund exceeds the $200 policy limit");
        ((ObjectNode) packet.get("metadata")).putArray("tags").add("refund").add("vip");
        ObjectNode context = (ObjectNode) packet.get("context");
        context.set("conversation_state", JSON.readTree("""
                [{"role": "user", "content": "My order arrived 10 days late. I want my money back."},
                 {"role": "agent", "content": "I am sorry about that. Let me ask a manager."}]"""));
        context.set("artifacts", JSON.readTree("""
                [{"key": "order", "value": {"id": "ord-1042", "total": 500}, "content_type": "application/json"}]"""));
        packet.set("decisions", JSON.readTree("""
                [{"id": "d1", "decision": "Offer a refund", "rationale": "Order is 10 days late",
                  "alternatives": ["Store credit"], "decided_by": "sales-01"}]"""));
        packet.set("actions", JSON.readTree("""
                {"pending": [{"id": "a1", "description": "Issue the refund", "assignee": "billing-01"}],
                 "completed": [{"id": "a0", "description": "Checked the order", "result": "10 days late"}]}"""));
        packet.set("dependencies", JSON.readTree("""
                [{"id": "stripe", "type": "api", "description": "Payment gateway", "status": "available"}]"""));
        return packet;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
