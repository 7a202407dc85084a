/**
 * Turning grid data into text for a person: tables that fit the terminal, relative times and
 * durations, state colours that appear only on a terminal, progress bars. Pure functions of their
 * input (time comes in as an {@code Instant now}), so they are unit tested without a node.
 */
package io.jobgrid.shell.render;
