package io.jobgrid.api;

/**
 * The life of a job. The only moves allowed are those of {@link #canMoveTo}; every store
 * refuses the others, so two members racing on one job cannot both win.
 */
public enum JobState {
    WAITING, QUEUED, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, SKIPPED;

    public boolean canMoveTo(JobState next) {
        return switch (this) {
            case WAITING -> next == QUEUED || next == CANCELLED || next == SKIPPED;
            case QUEUED -> next == RUNNING || next == CANCELLED;
            case RUNNING -> next != WAITING && next != SKIPPED && next != RUNNING;
            default -> false;
        };
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == TIMED_OUT || this == CANCELLED || this == SKIPPED;
    }

    /** Parses a state name case-insensitively, naming the bad value when it is not one. */
    public static JobState parse(String field, String text) {
        for (JobState s : values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new InvalidInputException(field, field + " must be one of " + java.util.Arrays.toString(values())
                + ", but was '" + text + "'");
    }
}
