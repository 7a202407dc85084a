/**
 * How a line becomes a command run, where Spring Shell 4.0.1 falls short for a job runner's
 * console. {@link io.jobgrid.shell.runner.LineParser} is a Spring Shell {@code CommandParser} that
 * reads lines as a POSIX shell does ({@link io.jobgrid.shell.runner.Words}: quotes, escapes),
 * takes {@code --} anywhere as the end of options (the rest is the job's argv, dashes and all),
 * allows repeated options and flags without a value, and refuses unknown options; Spring Shell's
 * own parser splits on spaces and wants a value for every option.
 * {@link io.jobgrid.shell.runner.CommandRunner} runs one line through Spring Shell's
 * {@code CommandExecutor} and turns every way it can fail into one line on stderr and an exit code
 * (Spring Shell's runners return none); {@link io.jobgrid.shell.runner.ConsoleRunner} is the
 * interactive JLine loop with Ctrl-C stopping the running command rather than the console;
 * {@link io.jobgrid.shell.runner.Launcher} picks one of them (with
 * {@code spring.shell.interactive.enabled=false} for a one-shot run).
 */
package io.jobgrid.shell.runner;
