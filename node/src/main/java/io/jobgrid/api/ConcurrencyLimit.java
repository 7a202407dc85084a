package io.jobgrid.api;

/**
 * A concurrency key as the cluster sees it now.
 *
 * @param key     the key jobs name in {@link JobSpec#concurrencyKey()}
 * @param max     the most jobs of the key that may run at once anywhere in the cluster; null when
 *                no limit is set (the key's jobs run freely, and are still counted)
 * @param running the jobs of the key that hold a permit now (running, or about to start)
 * @param waiting the jobs of the key parked until a permit is released
 */
public record ConcurrencyLimit(String key, Integer max, int running, int waiting) implements java.io.Serializable {
}
