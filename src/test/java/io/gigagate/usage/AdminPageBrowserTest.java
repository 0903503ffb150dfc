package io.gigagate.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.support.HeadlessChromium;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The admin page in a real browser (Debian's chromium, headless, over the DevTools protocol): after known
 * traffic it shows the key's requests, errors and tokens, its budget, its bars in the chart and its recent
 * requests. The screenshot is kept as target/admin-page.png.
 */
class AdminPageBrowserTest extends UsageGatewaySupport {

    static final Path SCREENSHOT = Path.of("target/admin-page.png");

    @Test
    void thePageShowsTheKnownTraffic() throws Exception {
        long input = 0;
        long output = 0;
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = post("/v1/chat/completions", chatBody("page traffic " + i), "x-api-key", KEY_PAGE);
            assertThat(ok.statusCode()).isEqualTo(200);
            input += json(ok).get("usage").get("prompt_tokens").asLong();
            output += json(ok).get("usage").get("completion_tokens").asLong();
        }
        assertThat(post("/v1/chat/completions", "{\"messages\": 7}", "x-api-key", KEY_PAGE).statusCode()).isEqualTo(400);
        long total = input + output;
        // other teams' traffic around it, as on a real gateway: another model, a stream
        for (int i = 0; i < 2; i++) {
            post("/v1/chat/completions", "{\"model\":\"GigaChat-2-Max\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"a longer question from team a, number " + i + "\"}]}", "x-api-key", KEY_A);
        }
        post("/v1/chat/completions", "{\"model\":\"GigaChat-2\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"a stream from team b\"}]}", "x-api-key", KEY_B);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                admin("/admin/api/requests?key=team-page").get("requests").size() == 4);

        try (HeadlessChromium browser = HeadlessChromium.start(1400, 1100)) {
            browser.navigate(url("/admin/"));
            assertThat(browser.evaluate("document.title").asText()).isEqualTo("GigaGate usage");
            browser.evaluate("document.getElementById('admin-key').value = '" + ADMIN_KEY + "';"
                    + "document.getElementById('login').requestSubmit(); true");
            browser.waitFor("document.body.dataset.loaded && [...document.querySelectorAll('#keys-table tbody tr')]"
                    + ".some(tr => tr.cells[0].textContent === 'team-page')", Duration.ofSeconds(30));

            JsonNode key = browser.evaluate("(() => { const tr = [...document.querySelectorAll('#keys-table tbody tr')]"
                    + ".find(tr => tr.cells[0].textContent === 'team-page');"
                    + "return [...tr.cells].map(td => td.textContent.replaceAll(',', '')); })()");
            assertThat(key.get(1).asText()).isEqualTo("4");       // requests
            assertThat(key.get(2).asText()).isEqualTo("1");       // errors
            assertThat(key.get(3).asLong()).isEqualTo(input);
            assertThat(key.get(4).asLong()).isEqualTo(output);

            JsonNode budget = browser.evaluate("(() => { const tr = [...document.querySelectorAll('#budgets-table tbody tr')]"
                    + ".find(tr => tr.cells[0].textContent === 'team-page');"
                    + "return tr ? [...tr.cells].map(td => td.textContent.trim()) : null; })()");
            assertThat(budget.get(1).asText().replace(",", "")).isEqualTo(total + " / 100000");
            assertThat(budget.get(4).asText()).isEqualTo("ok");

            long charted = browser.evaluate("[...document.querySelectorAll('#chart-keys rect[data-name=\"team-page\"]')]"
                    + ".reduce((sum, r) => sum + Number(r.dataset.tokens), 0)").asLong();
            assertThat(charted).isEqualTo(total);
            assertThat(browser.evaluate("document.querySelectorAll('#chart-models rect').length").asInt()).isPositive();

            JsonNode recent = browser.evaluate("[...document.querySelectorAll('#recent-table tbody tr')]"
                    + ".filter(tr => tr.cells[1].textContent === 'team-page').map(tr => tr.cells[5].textContent)");
            assertThat(recent).extracting(JsonNode::asText).containsExactlyInAnyOrder("200", "200", "200", "400");
            assertThat(browser.evaluate("document.getElementById('status').textContent").asText())
                    .contains("source: memory", "dropped 0");
            // the key is not in the page
            assertThat(browser.evaluate("document.documentElement.outerHTML").asText()).doesNotContain(ADMIN_KEY);

            // it refreshes itself: new traffic appears without a reload
            post("/v1/chat/completions", chatBody("page traffic later"), "x-api-key", KEY_PAGE);
            browser.waitFor("[...document.querySelectorAll('#keys-table tbody tr')].some(tr => "
                    + "tr.cells[0].textContent === 'team-page' && tr.cells[1].textContent === '5')", Duration.ofSeconds(30));

            browser.screenshot(SCREENSHOT);
        }
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }
}
