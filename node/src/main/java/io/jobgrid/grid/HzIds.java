package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.flakeidgen.FlakeIdGenerator;
import com.hazelcast.map.IMap;
import io.jobgrid.api.JobId;
import io.jobgrid.core.IdSource;
import io.jobgrid.core.IdempotencyKeys;

import java.util.Optional;

/**
 * Job ids from a Hazelcast flake id generator (unique with no coordination: each member leases
 * blocks of ids), and idempotency keys in a replicated map claimed with {@code putIfAbsent}.
 */
public final class HzIds implements IdSource, IdempotencyKeys {
    private final FlakeIdGenerator ids;
    private final IMap<String, String> keys;

    public HzIds(HazelcastInstance hz) {
        this.ids = hz.getFlakeIdGenerator(GridNames.JOB_IDS);
        this.keys = hz.getMap(GridNames.IDEMPOTENCY);
    }

    @Override
    public JobId next() {
        return JobId.of(ids.newId());
    }

    @Override
    public Optional<JobId> claim(String key, JobId id) {
        return Optional.ofNullable(keys.putIfAbsent(key, id.value())).map(JobId::new);
    }
}
