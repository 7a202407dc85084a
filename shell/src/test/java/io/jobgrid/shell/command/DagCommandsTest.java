package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.client.Json;
import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.support.Console.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code dag submit}, {@code dag ID}, {@code cancel --cascade} and {@code submit --after}, non-interactively,
 * against a real node.
 */
class DagCommandsTest extends ConsoleAgainstSharedNode {
    private static final ObjectMapper JSON = Json.mapper();
    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path f = dir.resolve("dag-" + UUID.randomUUID() + ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** Submits the file and returns the id of each key, read from the printed KEY/ID table. */
    private Map<String, String> submitDag(Path file) {
        Result r = console.run("dag", "submit", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, String> ids = new HashMap<>();
        r.out().lines().skip(1).forEach(line -> {
            String[] cols = line.strip().split("\\s+");
            ids.put(cols[0], cols[1]);
        });
        return ids;
    }

    private JsonNode json(String... argv) throws IOException {
        Result r = console.run(argv);
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void dagSubmitPrintsTheIdOfEveryKeyAndDagDrawsTheTreeWithStates() throws Exception {
        Map<String, String> ids = submitDag(Path.of("examples", "pipeline.yaml"));
        Result waited = console.run("wait", ids.get("fetch"), ids.get("left"), ids.get("right"), ids.get("report"));

        Result tree = console.run("dag", ids.get("left"));
        JsonNode dag = json("dag", ids.get("report"), "--output", "json");

        assertThat(ids).containsOnlyKeys("fetch", "left", "right", "report");
        assertThat(waited.code()).as(waited.err()).isZero();
        assertThat(tree.code()).as(tree.err()).isZero();
        assertThat(tree.out().lines().toList()).first().asString()
                .startsWith("DAG of " + ids.get("left")).contains("4 jobs: 4 SUCCEEDED").contains("all ended");
        assertThat(tree.out()).containsPattern("(?m)^fetch +" + ids.get("fetch") + " +SUCCEEDED")
                .containsPattern("(?m)^├─ left +" + ids.get("left") + " +SUCCEEDED")
                .containsPattern("(?m)^│  └─ report +" + ids.get("report") + " +SUCCEEDED .*exit 0")
                .containsPattern("(?m)^└─ right +" + ids.get("right") + " +SUCCEEDED")
                .containsPattern("(?m)^   └─ report +" + ids.get("report") + " +↑ above")
                .doesNotContain("\u001B[");
        assertThat(dag.get("complete").asBoolean()).isTrue();
        assertThat(dag.get("jobs").findValuesAsText("name")).containsExactlyInAnyOrder("fetch", "left", "right", "report");
    }

    @Test
    void dagWatchFollowsUntilEveryJobEndedAndFailsNamingTheJobsThatDidNotSucceed() throws Exception {
        Path f = file("""
                jobs:
                  build: {shell: "sleep 1; exit 4"}
                  test: {command: ["true"], after: build}
                """);

        Result r = console.run("dag", "submit", f.toString(), "--watch", "--interval", "200ms");

        assertThat(r.code()).isEqualTo(ShellException.FAILED);
        assertThat(r.out()).contains("KEY").contains("2 jobs: 1 FAILED, 1 SKIPPED");
        assertThat(r.out()).containsPattern("(?m)^build +[0-9A-Z]{13} +FAILED .*exit 4")
                .containsPattern("(?m)^└─ test +[0-9A-Z]{13} +SKIPPED");
        assertThat(r.err()).contains("2 of 2 jobs did not succeed").contains("build (").contains(") FAILED")
                .contains("SKIPPED");
    }

    @Test
    void theNodeRefusingACycleOrAnUnknownKeyIsShownAndNothingIsSubmitted() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path cycle = file("jobs:\n  a-" + tag + ": {shell: 'true', after: [b-" + tag + "]}\n  b-" + tag
                + ": {shell: 'true', after: [a-" + tag + "]}\n");
        Path unknown = file("jobs:\n  c-" + tag + ": {shell: 'true', after: [nowhere]}\n");

        Result cyc = console.run("dag", "submit", cycle.toString());
        Result unk = console.run("dag", "submit", unknown.toString());

        assertThat(cyc.code()).isEqualTo(ShellException.FAILED);
        assertThat(cyc.err()).startsWith("Error: The node refused the DAG in " + cycle).containsIgnoringCase("cycle")
                .contains("a-" + tag).contains("nothing was submitted").doesNotContain("\tat ");
        assertThat(unk.code()).isEqualTo(ShellException.FAILED);
        assertThat(unk.err()).contains("nowhere");
        assertThat(json("jobs", "--limit", "1000", "--output", "json").findValuesAsText("name"))
                .doesNotContain("a-" + tag, "b-" + tag, "c-" + tag);
    }

    @Test
    void fileErrorsAreUsageErrorsNamingTheFileAndTheLine() throws Exception {
        Path badYaml = file("jobs:\n  a:\n    shell: 'unclosed\n  b: [\n");
        Path noJobs = file("steps:\n  a: {shell: 'true'}\n");
        Path badAfter = file("jobs:\n  a: {shell: 'true', after: {x: 1}}\n");

        Result missing = console.run("dag", "submit", dir.resolve("nope.yaml").toString());
        Result syntax = console.run("dag", "submit", badYaml.toString());
        Result shape = console.run("dag", "submit", noJobs.toString());
        Result after = console.run("dag", "submit", badAfter.toString());

        assertThat(missing.code()).isEqualTo(ShellException.USAGE);
        assertThat(missing.err()).contains("nope.yaml does not exist");
        assertThat(syntax.code()).isEqualTo(ShellException.USAGE);
        assertThat(syntax.err()).contains(badYaml + " is not valid YAML, line ").doesNotContain("\tat ");
        assertThat(shape.code()).isEqualTo(ShellException.USAGE);
        assertThat(shape.err()).contains("must have a 'jobs:' mapping").contains("but has keys steps");
        assertThat(after.code()).isEqualTo(ShellException.USAGE);
        assertThat(after.err()).contains("job 'a': after must be a job key or a list of them");
    }

    @Test
    void cancelCascadeCancelsEveryUnfinishedDescendant() throws Exception {
        Map<String, String> ids = submitDag(file("""
                jobs:
                  root: {command: [sleep, "60"]}
                  child: {shell: "true", after: root}
                  grandchild: {shell: "true", after: child}
                """));

        Result r = console.run("cancel", "--cascade", ids.get("root"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Cancelled job " + ids.get("root")).contains("2 of 2 descendants CANCELLED");
        assertThat(json("dag", ids.get("root"), "--output", "json").get("jobs").findValuesAsText("state"))
                .containsOnly("CANCELLED");
    }

    @Test
    void submitAfterWaitsForTheParentAndDagShowsTheEdge() throws Exception {
        String parent = console.run("submit", "--name", "parent", "--", "sleep", "1").firstLine().strip();
        Result child = console.run("submit", "--name", "child", "--after", parent, "--output", "json", "--", "true");

        JsonNode created = JSON.readTree(child.out());
        String childId = created.get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> json("job", childId, "--output", "json")
                .get("state").asText().equals("SUCCEEDED"));
        Result tree = console.run("dag", "--once", childId);

        assertThat(created.get("state").asText()).isEqualTo("WAITING");
        assertThat(json("job", childId, "--output", "json").get("parents").get(0).asText()).isEqualTo(parent);
        assertThat(tree.out()).containsPattern("(?m)^parent +" + parent + " +SUCCEEDED")
                .containsPattern("(?m)^└─ child +" + childId + " +SUCCEEDED");
    }

    @Test
    void badIdsAreUsageErrorsAndAnUnknownIdIsNotFound() {
        Result none = console.run("dag");
        Result bad = console.run("dag", "nope");
        Result unknown = console.run("dag", "0000000000000");
        Result both = console.run("dag", "0000000000000", "--once", "--watch");

        assertThat(none.code()).isEqualTo(ShellException.USAGE);
        assertThat(none.err()).contains("'dag' needs a job id (or: dag submit FILE.yaml)");
        assertThat(bad.code()).isEqualTo(ShellException.USAGE);
        assertThat(bad.err()).contains("but was 'nope'");
        assertThat(unknown.code()).isEqualTo(ShellException.NOT_FOUND);
        assertThat(unknown.err()).contains("0000000000000");
        assertThat(both.code()).isEqualTo(ShellException.USAGE);
    }
}
