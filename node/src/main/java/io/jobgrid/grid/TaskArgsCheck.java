package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.core.Scheduler;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Asks another member to check a named task's arguments with its own type of that name: a node
 * that lacks the type cannot tell good arguments from bad, and a bad one must be refused at
 * submission (400, nothing stored), not fail the attempt later. Answers the refusal as
 * {@code {field, message}}, or null when the arguments are good or the member has no such type.
 */
final class TaskArgsCheck implements Callable<String[]>, Serializable, HazelcastInstanceAware {
    private final String type;
    private final HashMap<String, String> args;
    private transient HazelcastInstance hz;

    TaskArgsCheck(String type, Map<String, String> args) {
        this.type = type;
        this.args = new HashMap<>(args);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public String[] call() {
        if (hz.getUserContext().get(SchedulerCall.SCHEDULER_KEY) instanceof Scheduler scheduler) {
            InvalidInputException refused = scheduler.checkTaskArgs(type, args);
            return refused == null ? null : new String[] {refused.field(), refused.getMessage()};
        }
        return null;
    }
}
