package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.Json;
import io.jobgrid.client.NodeView;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;

/** {@code nodes}: the members of the grid with their slots, load, memory and health. */
@Component
public class NodesCommand {
    private final Session session;
    private final JobgridClient grid;

    public NodesCommand(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = "nodes", group = "Grid",
            description = "List the nodes of the grid: slots, load, memory, health",
            help = """
                    nodes - List the nodes of the grid: slots, load, memory, health

                    USAGE
                      nodes [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      nodes
                      nodes --output json""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void nodes(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            CommandContext context) {
        Output out = Output.of(session, context, output);
        JsonNode body = grid.nodesJson();
        if (out.json()) {
            out.printJson(body);
            return;
        }
        List<NodeView> nodes = Json.list(body, NodeView.class);
        nodes.sort(Comparator.comparing(NodeView::name, Comparator.nullsLast(Comparator.naturalOrder())));
        if (nodes.isEmpty()) {
            out.screen().println("No nodes answered.");
            return;
        }
        out.screen().print(Views.nodes(nodes, session.clock().instant(), out.screen().style()));
        int slots = nodes.stream().mapToInt(NodeView::slots).sum();
        int running = nodes.stream().mapToInt(NodeView::running).sum();
        out.screen().println(out.screen().style().dim(nodes.size() + (nodes.size() == 1 ? " node, " : " nodes, ")
                + running + "/" + slots + " slots busy"));
    }
}

