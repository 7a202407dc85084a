package io.jobgrid.vectors;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.jobgrid.api.NotFoundException;
import io.jobgrid.api.VectorConflictException;
import io.jobgrid.grid.GridNames;

import java.util.UUID;

/**
 * The vectors' metadata map used as a journal: an update is recorded before any chunk changes and
 * cleared when all have, every step by compare-and-set on the whole record.
 *
 * <p>Why a journal plus chunk versions: an update runs in place (copying 800 MB to update it
 * would halve the speed and double the memory), so it cannot be rolled back. Instead it is made
 * idempotent per chunk (see {@link UpdateChunk}) and recorded here, so that a failed update is
 * never silently half-applied: the vector says {@code interrupted: add(2.0)}, reads are refused,
 * and re-running the same update moves the remaining chunks only.
 */
final class Journal {
    private final HazelcastInstance hz;
    private final IMap<String, VectorMeta> metas;

    Journal(HazelcastInstance hz) {
        this.hz = hz;
        this.metas = hz.getMap(GridNames.VECTORS);
    }

    IMap<String, VectorMeta> metas() {
        return metas;
    }

    VectorMeta get(String name) {
        VectorMeta meta = metas.get(name);
        if (meta == null) {
            throw new NotFoundException("Vector " + name + " does not exist");
        }
        return meta;
    }

    /** The metadata of a vector with no update in progress, for reading it. */
    VectorMeta ready(String name) {
        VectorMeta meta = get(name);
        if (meta.pending() != null) {
            throw busy(meta);
        }
        return meta;
    }

    /** Records a new vector with its create pending; resumes an interrupted create of the same kind. */
    VectorMeta beginCreate(String name, long size, Update create) {
        VectorMeta fresh = new VectorMeta(name, size, 0, new Pending(create, 0, 0, me(), false));
        VectorMeta existing = metas.putIfAbsent(name, fresh);
        if (existing == null) {
            return fresh;
        }
        if (existing.size() == size && canTakeOver(existing, create)) {
            return takeOver(existing);
        }
        if (existing.creating()) {
            throw busy(existing);
        }
        throw new VectorConflictException("Vector " + name + " already exists (" + existing.info().state()
                + ", size " + existing.size() + ")");
    }

    /** Records {@code update} as pending on the vector, or takes over the same interrupted update. */
    VectorMeta begin(String name, Update update) {
        while (true) {
            VectorMeta current = get(name);
            Pending pending = current.pending();
            VectorMeta next;
            if (pending == null) {
                long to = update.inPlace() ? current.version() + 1 : current.version();
                next = current.withPending(new Pending(update, current.version(), to, me(), false));
            } else if (canTakeOver(current, update)) {
                next = current.withPending(pending.takenOverBy(me()));
            } else {
                throw busy(current);
            }
            if (metas.replace(name, current, next)) {
                return next;
            }
        }
    }

    void commit(VectorMeta begun) {
        if (!metas.replace(begun.name(), begun, begun.committed())) {
            throw new VectorConflictException("Vector " + begun.name() + " was changed by someone else during "
                    + begun.pending().update().describe());
        }
    }

    /** Best effort: if this fails too, the dead-owner rule still lets the update be re-run. */
    void markInterrupted(VectorMeta begun) {
        try {
            metas.replace(begun.name(), begun, begun.withPending(begun.pending().markInterrupted()));
        } catch (RuntimeException ignored) {
            // The owner check in canTakeOver covers this case.
        }
    }

    /** The same update may resume a stopped one; delete may clear any stopped update. */
    private boolean canTakeOver(VectorMeta meta, Update update) {
        Pending pending = meta.pending();
        if (pending == null) {
            return false;
        }
        boolean stopped = pending.interrupted() || !alive(pending.owner());
        return stopped && (pending.update().equals(update) || update.kind() == Update.Kind.DELETE);
    }

    private VectorMeta takeOver(VectorMeta meta) {
        VectorMeta next = meta.withPending(meta.pending().takenOverBy(me()));
        if (!metas.replace(meta.name(), meta, next)) {
            throw busy(get(meta.name()));
        }
        return next;
    }

    private VectorConflictException busy(VectorMeta meta) {
        Pending pending = meta.pending();
        String what = pending.update().describe();
        if (pending.interrupted() || !alive(pending.owner())) {
            return new VectorConflictException("Vector " + meta.name() + " has an interrupted " + what
                    + " (version " + pending.from() + " to " + pending.to() + "); re-run " + what
                    + " to finish it, or delete the vector");
        }
        return new VectorConflictException("Vector " + meta.name() + " is busy with " + what + "; try again when it ends");
    }

    private boolean alive(UUID member) {
        for (Member m : hz.getCluster().getMembers()) {
            if (m.getUuid().equals(member)) {
                return true;
            }
        }
        return false;
    }

    private UUID me() {
        return hz.getCluster().getLocalMember().getUuid();
    }
}
