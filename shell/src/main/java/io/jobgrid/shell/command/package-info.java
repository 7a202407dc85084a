/**
 * The console's commands, one class each, all built on {@link io.jobgrid.shell.command.GridCommand}
 * (Spring Shell's programmatic command model): options and examples declared once, so help, tab
 * completion, {@code --output json} and error handling are the same everywhere. Groups: Grid
 * ({@code nodes}, {@code top}), Jobs ({@code submit}, {@code jobs}, {@code job}, {@code logs},
 * {@code cancel}, {@code wait}); DAG ({@code dag}, {@code dag submit}) and Vector
 * ({@code vector create|list|add|...}) commands slot in as more classes of the same shape,
 * multi-word names like {@code dag submit} being sub-commands.
 */
package io.jobgrid.shell.command;
