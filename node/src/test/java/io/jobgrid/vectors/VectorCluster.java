package io.jobgrid.vectors;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.test.HazelcastTestSupport;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import io.jobgrid.api.Vectors;

import java.util.ArrayList;
import java.util.List;

/**
 * An in-JVM cluster (mock network) of members configured like jobgrid nodes, Jet enabled. Tests
 * use tiny chunks (1000 elements) so a few thousand elements already span many chunks, and take
 * the Jet path above 4 chunks.
 */
final class VectorCluster implements AutoCloseable {
    static final int TEST_CHUNK_SIZE = 1000;

    static {
        // Before Layout and ChunkRunner are loaded. Surefire sets the same for every test class (node/pom.xml),
        // so that a node started by another test class first cannot load them with the defaults.
        System.setProperty("jobgrid.vector.chunk-size", String.valueOf(TEST_CHUNK_SIZE));
        System.setProperty("jobgrid.vector.direct-max-chunks", "4");
    }

    private final TestHazelcastInstanceFactory factory;
    final List<HazelcastInstance> members = new ArrayList<>();

    VectorCluster(int size) {
        factory = new TestHazelcastInstanceFactory(size + 1);
        for (int i = 0; i < size; i++) {
            members.add(factory.newHazelcastInstance(config()));
        }
        HazelcastTestSupport.assertClusterSizeEventually(size, members.get(0));
    }

    static Config config() {
        Config config = HazelcastTestSupport.smallInstanceConfig();
        config.getJetConfig().setEnabled(true);
        return VectorGridConfig.apply(config, 1);
    }

    /** Starts one more member (the factory has room for one): partitions migrate to it. */
    HazelcastInstance join() {
        HazelcastInstance joined = factory.newHazelcastInstance(config());
        members.add(joined);
        return joined;
    }

    Vectors vectors(int member) {
        return new HzVectors(members.get(member));
    }

    @Override
    public void close() {
        factory.terminateAll();
    }
}
