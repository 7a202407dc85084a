/**
 * How a line becomes a command run: a POSIX-like tokenizer and a {@code CommandParser} that
 * understands {@code --} anywhere and repeated options, the one-shot runner for scripts (exit codes,
 * errors on stderr, never a stack trace), the interactive console loop on JLine, and the launcher
 * that picks one of them.
 */
package io.jobgrid.shell.runner;
