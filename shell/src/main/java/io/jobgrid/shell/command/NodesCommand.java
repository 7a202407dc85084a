package io.jobgrid.shell.command;

import io.jobgrid.client.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.NodeView;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;

/** {@code nodes}: the members of the grid with their slots, load, memory and health. */
@Component
public class NodesCommand extends GridCommand {

    public NodesCommand(Session session, JobgridClient grid) {
        super(new CommandDoc("nodes", CommandDoc.GRID, "List the nodes of the grid: slots, load, memory, health",
                "nodes [--output json]", List.of("nodes", "nodes --output json")), session, grid);
    }

    @Override
    protected void run(Invocation in) {
        JsonNode body = grid.nodesJson();
        if (in.json()) {
            in.printJson(body);
            return;
        }
        List<NodeView> nodes = Json.list(body, NodeView.class);
        nodes.sort(Comparator.comparing(NodeView::name, Comparator.nullsLast(Comparator.naturalOrder())));
        if (nodes.isEmpty()) {
            in.screen().println("No nodes answered.");
            return;
        }
        in.screen().print(Views.nodes(nodes, session.clock().instant(), in.screen().style()));
        int slots = nodes.stream().mapToInt(NodeView::slots).sum();
        int running = nodes.stream().mapToInt(NodeView::running).sum();
        in.screen().println(in.screen().style().dim(nodes.size() + (nodes.size() == 1 ? " node, " : " nodes, ")
                + running + "/" + slots + " slots busy"));
    }
}
