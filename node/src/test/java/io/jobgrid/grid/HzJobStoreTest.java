package io.jobgrid.grid;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.core.JobStore;
import io.jobgrid.core.JobStoreContract;
import io.jobgrid.node.MemberConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on the Hazelcast store: one real member in this JVM (mock network), configured
 * as a node configures its member (serializers, attributes, backups), its job map emptied before
 * each test. One member holds every partition, so every record is local to it.
 */
class HzJobStoreTest extends JobStoreContract {
    private static TestHazelcastInstanceFactory factory;
    private static HazelcastInstance member;

    @BeforeAll
    static void startMember() {
        factory = new TestHazelcastInstanceFactory();
        Config config = MemberConfigs.build(NodeConfig.builder().name("store-test").httpPort(-1).build());
        config.setProperty("hazelcast.partition.count", "31");
        member = factory.newHazelcastInstance(config);
    }

    @AfterAll
    static void stopMember() {
        factory.terminateAll();
    }

    @Override
    protected JobStore emptyStore() {
        member.getMap(GridNames.JOBS).clear();
        return new HzJobStore(member);
    }
}
