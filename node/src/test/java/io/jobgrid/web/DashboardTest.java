package io.jobgrid.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.node.GridNode;
import io.jobgrid.support.Browser;
import io.jobgrid.support.TestGrid;
import io.jobgrid.support.TestJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.not;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf;
import static org.openqa.selenium.support.ui.ExpectedConditions.textMatches;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

/**
 * The dashboard in a real headless Chromium against a 3-node in-JVM cluster whose REST has a token
 * and a read-only token. Every page is signed in to once (the token typed into the page), then
 * driven only by clicks and by jobs submitted over REST; nothing reloads the page after it opened.
 * Screenshots of each page go to {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTest {
    private static final String TOKEN = "dashboard-test-token-0123456789";
    private static final String READ_ONLY = "dashboard-read-only-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestGrid grid;
    private static GridNode node;
    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = Browser.startOrSkip();
        grid = new TestGrid();
        List<GridNode> nodes = grid.start(3, s -> s.httpPort(0).token(TOKEN).readOnlyToken(READ_ONLY));
        node = nodes.get(0);
        browser.open(node.url() + "/ui/");
        signIn(TOKEN);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    @Order(1)
    void theClusterPageShowsTheThreeNodes() {
        browser.open(node.url() + "/ui/#/cluster");

        browser.waitFor(numberOfElementsToBe(By.cssSelector("tr.node-row"), 3));
        // the page re-renders on every event: read its text in one step, never find-then-read
        assertThat(script("return document.getElementById('node-count').textContent")).isEqualTo("3");
        browser.screenshot("cluster");
        browser.resize(390, 844);
        browser.screenshot("cluster-phone");
        browser.resize(1280, 900);
    }

    @Test
    @Order(2)
    void aJobSubmittedOverRestAppearsAndFinishesWithoutAReload() throws Exception {
        browser.open(node.url() + "/ui/#/jobs");
        browser.waitFor(presenceOfElementLocated(By.cssSelector("form.filters")));
        markPage();

        String id = submit("{\"name\":\"appears\",\"shell\":\"echo hi; sleep 1\"}");

        By state = By.cssSelector("tr.job-row[data-id='" + id + "'] .badge");
        browser.waitFor(presenceOfElementLocated(state));
        browser.waitFor(attributeToBe(state, "data-state", "SUCCEEDED"));
        assertThat(pageWasNotReloaded()).isTrue();
        browser.screenshot("jobs");
        browser.find("nav a[href='#/cluster']").click();
        browser.waitFor(textToBePresentInElementLocated(By.id("finished-recently"), "1"));
        assertThat(script("return document.querySelector(\"[data-count='SUCCEEDED']\").textContent")).isEqualTo("1");
    }

    @Test
    @Order(3)
    void aRunningJobsOutputGrowsOnItsPage() throws Exception {
        String id = submit("{\"name\":\"counter\",\"shell\":\"for i in $(seq 1 40); do echo line $i; sleep 0.25; done\"}");

        browser.open(node.url() + "/ui/#/job/" + id);

        browser.waitFor(textToBePresentInElementLocated(By.id("output"), "line 2\n"));
        browser.waitFor(textToBePresentInElementLocated(By.id("output"), "line 12\n"));
        browser.screenshot("job");
        post("/api/v1/jobs/" + id + "/cancel", TOKEN);
    }

    @Test
    @Order(3)
    void aJobsPageShowsStderrAloneInItsOwnColourWhenPicked() throws Exception {
        String id = submit("{\"shell\":\"echo to-out; echo to-err >&2\"}");
        browser.open(node.url() + "/ui/#/job/" + id);
        browser.waitFor(textToBePresentInElementLocated(By.id("output"), "to-err"));
        assertThat(browser.find("#output").getText()).contains("to-out");

        new org.openqa.selenium.support.ui.Select(browser.find("#output-stream")).selectByValue("stderr");

        browser.waitFor(attributeToBe(By.id("output"), "class", "stderr"));
        browser.waitFor(textToBePresentInElementLocated(By.id("output"), "to-err"));
        assertThat(browser.find("#output").getText()).isEqualTo("to-err");
        new org.openqa.selenium.support.ui.Select(browser.find("#output-stream")).selectByValue("stdout");
        browser.waitFor(textToBePresentInElementLocated(By.id("output"), "to-out"));
        assertThat(browser.find("#output").getText()).isEqualTo("to-out");
        assertThat(browser.find("#output").getAttribute("class")).isEmpty();
    }

    @Test
    @Order(4)
    void aDiamondWhoseMiddleJobFailsIsColouredByState() throws Exception {
        JsonNode ids = json(post("/api/v1/dags", TOKEN, """
                {"jobs":[{"key":"a","spec":{"name":"a","shell":"true"}},
                 {"key":"b","spec":{"name":"b-fails","shell":"exit 3"},"after":["a"]},
                 {"key":"c","spec":{"name":"c","shell":"true"},"after":["a"]},
                 {"key":"d","spec":{"name":"d","shell":"true"},"after":["b","c"]}]}""")).get("ids");

        browser.open(node.url() + "/ui/#/dag/" + ids.get("a").asText());

        assertDagState(ids.get("a").asText(), "SUCCEEDED");
        assertDagState(ids.get("b").asText(), "FAILED");
        assertDagState(ids.get("c").asText(), "SUCCEEDED");
        assertDagState(ids.get("d").asText(), "SKIPPED");
        String failedFill = (String) ((JavascriptExecutor) browser.driver()).executeScript(
                "return getComputedStyle(document.querySelector(\"a[data-id='" + ids.get("b").asText()
                        + "'] rect\")).fill");
        assertThat(failedFill).isEqualTo("rgb(211, 58, 44)");
        browser.screenshot("dag");

        browser.find("a.dag-job[data-id='" + ids.get("b").asText() + "']").sendKeys(Keys.ENTER);

        browser.waitFor(attributeToBe(By.cssSelector("#job-state .badge"), "data-state", "FAILED"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/job/" + ids.get("b").asText());
    }

    @Test
    @Order(4)
    void cancellingTheDagCancelsEveryUnfinishedJobWithCascade() throws Exception {
        JsonNode ids = json(post("/api/v1/dags", TOKEN, """
                {"jobs":[{"key":"slow","spec":{"name":"slow","shell":"sleep 60"}},
                 {"key":"next","spec":{"name":"next","shell":"true"},"after":["slow"]}]}""")).get("ids");
        browser.open(node.url() + "/ui/#/dag/" + ids.get("next").asText());
        assertDagState(ids.get("slow").asText(), "RUNNING");

        browser.find("#cancel-dag").click();

        assertDagState(ids.get("slow").asText(), "CANCELLED");
        assertDagState(ids.get("next").asText(), "CANCELLED");
    }

    @Test
    @Order(5)
    void theCancelButtonCancelsARunningJobAndSubmitAgainStartsANewOne() throws Exception {
        String id = submit("{\"name\":\"sleeper\",\"shell\":\"sleep 60\"}");
        browser.open(node.url() + "/ui/#/job/" + id);
        browser.waitFor(attributeToBe(By.cssSelector("#job-state .badge"), "data-state", "RUNNING"));

        browser.find("#cancel").click();

        browser.waitFor(attributeToBe(By.cssSelector("#job-state .badge"), "data-state", "CANCELLED"));
        browser.find("#retry").click();
        browser.waitFor(not(urlContains(id)));
        browser.waitFor(attributeToBe(By.cssSelector("#job-state .badge"), "data-state", "RUNNING"));
        browser.find("#cancel").click();
        browser.waitFor(attributeToBe(By.cssSelector("#job-state .badge"), "data-state", "CANCELLED"));
    }

    @Test
    @Order(5)
    void pagesToOlderJobsWithTheBeforeCursor() throws Exception {
        String oldest = submit("{\"name\":\"page-a\",\"shell\":\"true\"}");
        String middle = submit("{\"name\":\"page-b\",\"shell\":\"true\"}");
        String newest = submit("{\"name\":\"page-c\",\"shell\":\"true\"}");
        browser.open(node.url() + "/ui/#/jobs?limit=1");
        browser.waitFor(presenceOfElementLocated(By.cssSelector("tr.job-row[data-id='" + newest + "']")));

        browser.find("#older").click();
        browser.waitFor(presenceOfElementLocated(By.cssSelector("tr.job-row[data-id='" + middle + "']")));
        browser.find("#older").click();

        browser.waitFor(presenceOfElementLocated(By.cssSelector("tr.job-row[data-id='" + oldest + "']")));
    }

    @Test
    @Order(5)
    void theNameAndTimeFiltersHoldOnEveryPage() throws Exception {
        List<String> wanted = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            wanted.add(submit("{\"name\":\"Sift-me " + i + "\",\"shell\":\"true\"}"));
            submit("{\"name\":\"other " + i + "\",\"shell\":\"true\"}");
        }
        browser.open(node.url() + "/ui/#/jobs?limit=2");
        browser.waitFor(presenceOfElementLocated(By.cssSelector("form.filters input[name='name']")));

        List<String> byName = rowsAcrossPages(() -> browser.find("input[name='name']").sendKeys("SIFT-ME", Keys.ENTER));

        assertThat(byName).containsExactly(wanted.get(4), wanted.get(3), wanted.get(2), wanted.get(1), wanted.get(0));
        String since = json(get("/api/v1/jobs/" + wanted.get(2))).get("createdAt").asText();
        List<String> byNameAndTime = rowsAcrossPages(() -> browser.open(node.url() + "/ui/#/jobs?limit=2&name=sift&createdAfter="
                + since));
        assertThat(byNameAndTime).containsExactly(wanted.get(4), wanted.get(3), wanted.get(2));
        assertThat(browser.find("input[name='createdAfter']").getAttribute("value")).isNotBlank();
        browser.screenshot("jobs-filtered");
    }

    @Test
    @Order(5)
    void theThroughputChartGrowsAsJobsFinish() throws Exception {
        browser.open(node.url() + "/ui/#/cluster");
        browser.waitFor(presenceOfElementLocated(By.cssSelector("svg#throughput")));
        int before = Integer.parseInt(script("return document.getElementById('throughput').dataset.total"));

        for (int i = 0; i < 3; i++) {
            submit("{\"name\":\"tick " + i + "\",\"shell\":\"true\"}");
        }

        browser.waitFor(d -> Integer.parseInt(script("return document.getElementById('throughput').dataset.total"))
                >= before + 3 ? Boolean.TRUE : null);
        assertThat(script("return String(document.querySelectorAll('#throughput g.bucket').length)")).isEqualTo("20");
        browser.screenshot("cluster");
    }

    @Test
    @Order(5)
    void aRetriedJobShowsEachAttemptOnItsTimeline() throws Exception {
        String marker = "/tmp/jobgrid-dashboard-retry-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String id = submit("{\"name\":\"flaky\",\"maxAttempts\":2,\"backoff\":{\"initialSeconds\":0.2},"
                + "\"shell\":\"if [ -e " + marker + " ]; then rm " + marker + "; echo second; else touch " + marker
                + "; echo first; exit 3; fi\"}");

        browser.open(node.url() + "/ui/#/job/" + id);

        browser.waitFor(attributeToBe(By.cssSelector("#job-state .badge"), "data-state", "SUCCEEDED"));
        browser.waitFor(numberOfElementsToBe(By.cssSelector("#attempts-timeline g.attempt"), 2));
        String attempts = script("return [...document.querySelectorAll('#attempts-timeline g.attempt')]"
                + ".map(g => [g.dataset.attempt, g.dataset.outcome, g.dataset.exit, g.dataset.node].join(' ')).join('|')");
        assertThat(attempts).matches("1 FAILED 3 [\\w-]+\\|2 SUCCEEDED 0 [\\w-]+");
        assertThat(browser.find("main").getText()).as("the first attempt keeps its own error").contains("exited with code 3");
        browser.screenshot("job-attempts");
    }

    /**
     * Runs {@code navigate}, then collects the job ids of the list it shows, following "Older" until the
     * last page. A new page is a new list element, so each read waits until the previous list is gone.
     */
    private static List<String> rowsAcrossPages(Runnable navigate) {
        List<String> ids = new java.util.ArrayList<>();
        Runnable next = navigate;
        for (int page = 0; page < 20; page++) {
            org.openqa.selenium.WebElement shown = browser.find("#job-list");
            next.run();
            browser.waitFor(stalenessOf(shown));
            browser.waitFor(presenceOfElementLocated(By.cssSelector("#job-list tr.job-row, #no-jobs")));
            @SuppressWarnings("unchecked")
            List<String> rows = (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
                    "return [...document.querySelectorAll('#job-list tr.job-row')].map(r => r.dataset.id)");
            ids.addAll(rows);
            if (browser.driver().findElements(By.id("older")).isEmpty()) {
                return ids;
            }
            next = () -> browser.find("#older").click();
        }
        throw new AssertionError("more than 20 pages: " + ids);
    }

    @Test
    @Order(5)
    void anUnknownJobIdSaysSoInsteadOfShowingThePreviousPage() {
        browser.open(node.url() + "/ui/#/jobs");
        browser.waitFor(presenceOfElementLocated(By.id("job-list")));

        browser.find("input[name='jobId']").sendKeys("01ARZ3NDEKTSV", Keys.ENTER);

        browser.waitFor(textToBePresentInElementLocated(By.tagName("h1"), "Cannot show this page"));
        assertThat(browser.find(".page-error").getText()).contains("01ARZ3NDEKTSV");
    }

    @Test
    @Order(6)
    void theVectorsPageListsVectors() throws Exception {
        post("/api/v1/vectors", TOKEN, "{\"name\":\"weights\",\"size\":1000,\"init\":\"fill\",\"value\":0.5}");

        browser.open(node.url() + "/ui/#/vectors");

        browser.waitFor(textToBePresentInElementLocated(By.tagName("main"), "weights"));
        browser.screenshot("vectors");
    }

    @Test
    @Order(6)
    void theSchedulesPageShowsEachScheduleItsLastJobAndPausesIt() throws Exception {
        String id = json(post("/api/v1/schedules", TOKEN, "{\"name\":\"heartbeat\",\"every\":\"PT1S\","
                + "\"job\":{\"shell\":\"true\"}}")).get("id").asText();

        browser.open(node.url() + "/ui/#/schedules");

        String row = "tr.schedule-row[data-id='" + id + "']";
        browser.waitFor(textToBePresentInElementLocated(By.cssSelector(row), "every PT1S"));
        browser.waitFor(presenceOfElementLocated(By.cssSelector(row + " a[href^='#/job/']")));
        browser.screenshot("schedules");
        browser.find(row + " button.pause").click();
        browser.waitFor(textToBePresentInElementLocated(By.cssSelector(row), "paused"));
        assertThat(json(get("/api/v1/schedules/" + id)).get("paused").asBoolean()).isTrue();
        send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/schedules/" + id))
                .header("Authorization", "Bearer " + TOKEN).DELETE());
    }

    @Test
    @Order(7)
    void aWrongTokenIsRefusedAndTheReadOnlyTokenCannotCancel() throws Exception {
        String id = submit("{\"name\":\"untouchable\",\"shell\":\"sleep 60\"}");
        ((JavascriptExecutor) browser.driver()).executeScript("sessionStorage.clear()");
        browser.open(node.url() + "/ui/#/job/" + id);
        browser.driver().navigate().refresh();

        signIn("not-the-token-at-all-0000");
        browser.waitFor(textToBePresentInElementLocated(By.cssSelector(".login .error"), "refused"));
        browser.screenshot("sign-in");
        signIn(READ_ONLY);
        browser.waitFor(attributeToBe(By.cssSelector("#job-state .badge"), "data-state", "RUNNING"));
        browser.find("#cancel").click();

        browser.waitFor(textMatches(By.cssSelector(".page-error"), java.util.regex.Pattern.compile("Refused: .*read-only")));
        assertThat(json(get("/api/v1/jobs/" + id)).get("state").asText()).isEqualTo("RUNNING");
        post("/api/v1/jobs/" + id + "/cancel", TOKEN);
    }

    private static void signIn(String token) {
        browser.waitFor(visibilityOfElementLocated(By.id("token")));
        browser.find("#token").clear();
        browser.find("#token").sendKeys(token);
        browser.find(".login button").click();
    }

    private static void assertDagState(String id, String state) {
        browser.waitFor(attributeToBe(By.cssSelector("a.dag-job[data-id='" + id + "']"), "data-state", state));
    }

    /** Runs {@code js} in the page and answers its result as text (one step, so a re-render cannot intervene). */
    private static String script(String js) {
        return String.valueOf(((JavascriptExecutor) browser.driver()).executeScript(js));
    }

    private static void markPage() {
        ((JavascriptExecutor) browser.driver()).executeScript("window.notReloaded = true");
    }

    private static boolean pageWasNotReloaded() {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser.driver()).executeScript("return window.notReloaded"));
    }

    private static String submit(String spec) throws IOException, InterruptedException {
        return json(post("/api/v1/jobs", TOKEN, spec)).get("id").asText();
    }

    private static String post(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(node.url() + path)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static String post(String path, String token, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(node.url() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(node.url() + path)).header("Authorization", "Bearer " + TOKEN));
    }

    private static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JsonNode json(String body) throws IOException {
        return TestJson.MAPPER.readTree(body);
    }
}
