package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A distributed vector as {@code /api/v1/vectors} describes it (the answer of create, list, info
 * and every in-place update).
 *
 * @param chunkSize elements per chunk
 * @param chunks    how many chunks it is split into
 * @param version   bumped by every completed update
 * @param state     e.g. {@code READY}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VectorInfo(String name, long size, int chunkSize, int chunks, long version, String state) {
    public VectorInfo {
        if (name == null || size < 0) {
            throw new IllegalArgumentException("a vector has a name and a size >= 0, but was " + name + ", " + size);
        }
    }
}
