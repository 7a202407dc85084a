/**
 * Where job records and output tails live. {@link io.jobgrid.store.JobStore} is the contract;
 * {@link io.jobgrid.store.HzJobStore} keeps records in a Hazelcast IMap with synchronous
 * backups, so any single member's death loses nothing, and applies every state change as an
 * entry processor on the partition that owns the record, so two members racing on one job
 * cannot both win.
 */
package io.jobgrid.store;
