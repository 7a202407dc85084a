/**
 * The jobgrid console: a Spring Shell application that drives a grid through its REST API only.
 * {@link io.jobgrid.shell.JobgridShell} is the entry point; {@link io.jobgrid.shell.ShellException}
 * is the root of every failure the console reports (a sentence and an exit code, never a trace).
 */
package io.jobgrid.shell;
