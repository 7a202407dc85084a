package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer of {@code POST /api/v1/jobs/ARRAY_ID/cancel}: how many jobs of the array this call cancelled. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArrayCancelled(String array, int cancelled) {
}
