package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A concurrency key as {@code GET /api/v1/limits} shows it.
 *
 * @param key     the key jobs name in their {@code concurrencyKey}
 * @param max     the most jobs of the key that may run at once in the cluster; null when no limit is set
 * @param running the jobs of the key holding a permit now
 * @param waiting the jobs of the key parked until a permit is released
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LimitView(String key, Integer max, int running, int waiting) {
}
