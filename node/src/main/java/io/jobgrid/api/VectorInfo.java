package io.jobgrid.api;

/**
 * What a user sees of a vector.
 *
 * @param version how many in-place updates have been applied since it was created
 * @param state   {@code ready}, {@code running: <update>} or {@code interrupted: <update>} (re-run
 *                that update to finish it)
 */
public record VectorInfo(String name, long size, int chunkSize, int chunks, long version, String state) {
}
