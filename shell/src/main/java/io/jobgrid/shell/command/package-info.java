/**
 * The console's commands: plain Spring Shell 4 command classes, each a {@code @Component} whose
 * {@code @Command} methods ({@code org.springframework.shell.core.command.annotation}) declare the
 * name, group, summary, help text (usage, options, examples; what {@code help NAME} and
 * {@code NAME --help} print) and {@code @Option}s. Spring Shell turns them into commands, binds
 * the options, completes names and options, and maps a command's exception to its exit status.
 * Groups: Jobs ({@code submit}, {@code jobs}, {@code job}, {@code logs}, {@code cancel},
 * {@code wait}, {@code summary}), Schedule ({@link io.jobgrid.shell.command.ScheduleCommands}:
 * {@code schedule create}, {@code list}, {@code show}, {@code delete}, {@code pause}, {@code resume}),
 * Grid ({@code nodes}, {@code top}, {@code watch}, and {@link io.jobgrid.shell.command.LimitCommands}:
 * {@code limit set}, {@code list}, {@code delete}), DAG ({@code dag},
 * {@code dag submit}), Vector ({@link io.jobgrid.shell.command.VectorLifecycleCommands},
 * {@link io.jobgrid.shell.command.VectorUpdateCommands}, {@link io.jobgrid.shell.command.VectorResultCommands}),
 * Console ({@code help}, {@code quit}).
 *
 * <p>What Spring Shell 4.0.1 lacks, and this package adds on its extension points:
 * {@link io.jobgrid.shell.command.Output} ({@code --output table|json}, declared by every command),
 * {@link io.jobgrid.shell.command.Inputs} (typed values whose errors name the option and the
 * value; every value of an option given several times, as Spring Shell binds one),
 * {@link io.jobgrid.shell.command.ExitCodes} (an {@code ExitStatusExceptionMapper}: exit codes per
 * kind of failure), {@link io.jobgrid.shell.command.Completions} (one {@code CompletionProvider}
 * for the values of every command's options and arguments) and
 * {@link io.jobgrid.shell.command.HelpCommand} (help grouped in a fixed order, with examples).
 */
package io.jobgrid.shell.command;
