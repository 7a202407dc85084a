package io.jobgrid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.javalin.Javalin;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobGridException;
import io.jobgrid.api.NotFoundException;
import io.jobgrid.api.TooLargeException;
import io.jobgrid.compute.HzVectors;
import io.jobgrid.compute.VectorConflictException;
import io.jobgrid.compute.VectorGridConfig;
import io.jobgrid.web.VectorRoutes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal member for {@link VectorsBench} when no full node main is given: a Hazelcast member
 * (TCP-IP on loopback, Jet on, the vector maps) serving only the vector routes and /health. It
 * lets the engine be benchmarked as separate processes over the real REST path before, or
 * without, the full node.
 *
 * <p>{@code BenchMember --name N --http-port P --member-port M --members K --cluster C}
 */
public final class BenchMember {
    private BenchMember() {
    }

    public static void main(String[] args) {
        Map<String, String> opts = VectorsBench.options(args);
        int memberPort = Integer.parseInt(opts.get("member-port"));
        int expected = Integer.parseInt(opts.getOrDefault("members", "1"));
        int basePort = Integer.parseInt(opts.getOrDefault("base-member-port", String.valueOf(memberPort)));
        Config config = new Config();
        config.setClusterName(opts.getOrDefault("cluster", "jobgrid-bench"));
        config.setInstanceName(opts.getOrDefault("name", "bench-" + memberPort));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(memberPort).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int i = 0; i < expected; i++) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + (basePort + i));
        }
        config.getJetConfig().setEnabled(true);
        VectorGridConfig.apply(config, 1);
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);

        ObjectMapper json = new ObjectMapper();
        Javalin app = Javalin.create();
        app.exception(JobGridException.class, (e, ctx) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            int status = status(e);
            body.put("error", e.getMessage());
            body.put("field", e instanceof InvalidInputException invalid ? invalid.field() : null);
            body.put("status", status);
            ctx.status(status).contentType("application/json").result(json.valueToTree(body).toString());
        });
        // Ready once all members are in and no migration runs: moving chunks would skew the figures.
        app.get("/health", ctx -> ctx.status(hz.getCluster().getMembers().size() >= expected
                && hz.getPartitionService().isClusterSafe() ? 200 : 503));
        VectorRoutes.register(app, new HzVectors(hz), json);
        app.start("127.0.0.1", Integer.parseInt(opts.get("http-port")));
    }

    static int status(JobGridException e) {
        if (e instanceof TooLargeException) {
            return 413;
        }
        if (e instanceof InvalidInputException) {
            return 400;
        }
        if (e instanceof NotFoundException) {
            return 404;
        }
        return e instanceof VectorConflictException ? 409 : 500;
    }
}
