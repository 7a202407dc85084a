package io.jobgrid.support;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one mapper node tests read the node's JSON with: plain Jackson, as any REST client would. */
public final class TestJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private TestJson() {
    }
}
