/**
 * The jobgrid console: a Spring Shell 4 application that drives a grid through its REST API only,
 * with the shared client module ({@code io.jobgrid.client}: the REST contract as records, the
 * HTTP client and the one JSON mapper). {@link io.jobgrid.shell.JobgridShell} is the entry point;
 * {@link io.jobgrid.shell.ShellException} is the root of every failure the console reports (a
 * sentence and an exit code, never a trace), and {@link io.jobgrid.shell.ShellException#from}
 * maps the client's failures to the same exit codes. Commands are plain Spring Shell command
 * classes in {@code command}; {@code runner} holds the parser and runners Spring Shell lacks (exit
 * codes, {@code --} anywhere, Ctrl-C); {@code render} tables, times, colours and progress.
 */
package io.jobgrid.shell;
