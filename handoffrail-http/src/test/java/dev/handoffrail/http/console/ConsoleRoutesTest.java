package dev.handoffrail.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.http.LiveApi;
import dev.handoffrail.http.TestResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleRoutesTest {
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none';"
            + " require-trusted-types-for 'script'; trusted-types 'none'";
    private static final Map<String, String> ASSETS = Map.of(
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8",
            "dom.js", "text/javascript; charset=utf-8",
            "format.js", "text/javascript; charset=utf-8",
            "updates.js", "text/javascript; charset=utf-8",
            "views.js", "text/javascript; charset=utf-8",
            "icon.svg", "image/svg+xml");
    private static final List<String> SCRIPTS =
            List.of("console.js", "api.js", "dom.js", "format.js", "updates.js", "views.js");

    private LiveApi api;

    @BeforeEach
    void start() {
        api = LiveApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void the_page_loads_without_a_key_under_a_strict_content_security_policy() {
        TestResponse page = api.client.get("/console");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html;charset=utf-8");
        assertHardened(page);
        assertThat(page.header("X-Request-ID")).isNotBlank();
        assertThat(page.header("X-RateLimit-Limit")).isNull();
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/console.js\"></script>")
                .contains("<label for=\"key-input\">API key</label>");
    }

    @Test
    void a_key_sent_to_the_page_is_neither_needed_nor_checked() {
        TestResponse withBadKey = api.client.get("/console/", "X-API-Key", "hr_not_a_real_key");

        assertThat(withBadKey.status()).isEqualTo(200);
        assertThat(withBadKey.body()).isEqualTo(resource("index.html"));
    }

    @Test
    void every_file_of_the_console_is_served_with_its_media_type_and_the_same_policy() {
        ASSETS.forEach((name, type) -> {
            TestResponse asset = api.client.get("/console/" + name);

            assertThat(asset.status()).as(name).isEqualTo(200);
            // Jetty writes its well-known types without the space before the parameter
            assertThat(asset.header("Content-Type").replace("; ", ";")).as(name).isEqualTo(type.replace("; ", ";"));
            assertThat(asset.body()).as(name).isEqualTo(resource(name));
            assertHardened(asset);
        });
    }

    @Test
    void anything_else_under_console_is_the_not_found_envelope() {
        for (String path : List.of("/console/evil.js", "/console/index.html", "/console/..%2Fopenapi.yaml",
                "/console/api.js/x")) {
            TestResponse missing = api.client.get(path);

            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.json()).as(path).containsEntry("code", "NOT_FOUND").containsEntry("status_code", 404L);
            assertThat(missing.header("Content-Security-Policy")).as(path).isNull();
        }
    }

    @Test
    void the_console_is_read_only() {
        TestResponse post = api.client.send("POST", "/console", "{}");

        assertThat(post.status()).isEqualTo(405);
        assertThat(post.json()).containsEntry("code", "METHOD_NOT_ALLOWED");
        assertThat(post.header("Allow")).isEqualTo("GET");
    }

    @Test
    void the_page_has_no_inline_script_style_or_event_handler() {
        String html = resource("index.html");

        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find()).isFalse();
        assertThat(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find()).isFalse();
        assertThat(html).doesNotContain("style=").doesNotContain("<style").doesNotContain("javascript:");
        assertThat(html).contains("<form id=\"key-form\" method=\"post\"");
    }

    @Test
    void the_scripts_write_text_only_never_evaluate_code_and_never_log() {
        for (String script : SCRIPTS) {
            String source = resource(script);

            assertThat(source).as(script).doesNotContain("innerHTML").doesNotContain("outerHTML")
                    .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(")
                    .doesNotContain("new Function").doesNotContain("setTimeout('").doesNotContain("document.cookie")
                    .doesNotContain("api_key=").doesNotContain("new EventSource");
            assertThat(Pattern.compile("\\bconsole\\.(log|info|warn|error|debug|trace)").matcher(source).find())
                    .as(script).isFalse();
        }
        String api = resource("api.js");
        assertThat(api).contains("sessionStorage.setItem(KEY_STORAGE, key)").doesNotContain("localStorage");
        assertThat(api).contains("'X-API-Key': key");
        // the event stream is opened with fetch and the key in the header, like every other call
        assertThat(api).contains("'X-API-Key': storedKey() || ''").contains("url.searchParams.append('subscribe'");
    }

    private static void assertHardened(TestResponse response) {
        assertThat(response.header("Content-Security-Policy")).isEqualTo(POLICY);
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        assertThat(response.header("Cross-Origin-Resource-Policy")).isEqualTo("same-origin");
        assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
    }

    private static String resource(String name) {
        try (InputStream in = ConsoleRoutes.class.getClassLoader()
                .getResourceAsStream("dev/handoffrail/http/console/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
