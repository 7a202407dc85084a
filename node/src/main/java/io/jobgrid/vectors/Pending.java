package io.jobgrid.vectors;

import java.io.Serializable;
import java.util.UUID;

/**
 * The journal entry of an update in progress: what it is, the chunk versions it moves between,
 * and the member running it. It stays in the metadata until every chunk is at {@code to}; if the
 * runner dies or gives up, it is marked interrupted and only the same update may finish it.
 */
public record Pending(Update update, long from, long to, UUID owner, boolean interrupted) implements Serializable {

    Pending takenOverBy(UUID member) {
        return new Pending(update, from, to, member, false);
    }

    Pending markInterrupted() {
        return new Pending(update, from, to, owner, true);
    }
}
