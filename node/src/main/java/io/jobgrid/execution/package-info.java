/**
 * Running one attempt of a job as a local process: a private workdir, a scrubbed environment,
 * stdout and stderr captured apart into one bounded buffer (stderr bytes marked), timeouts and
 * cancellation that kill the whole process tree. Nothing here knows the grid: results and output leave through
 * {@link io.jobgrid.execution.RunListener}.
 */
package io.jobgrid.execution;
