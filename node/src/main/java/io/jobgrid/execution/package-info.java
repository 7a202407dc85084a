/**
 * Running one attempt of a job as a local process: a private workdir, a scrubbed environment,
 * output captured into a bounded buffer, timeouts and cancellation that kill the whole process
 * tree. Nothing here knows the grid: results and output leave through
 * {@link io.jobgrid.execution.RunListener}.
 */
package io.jobgrid.execution;
