package io.jobgrid.shell.command;

import io.jobgrid.client.JobgridClientException;
import io.jobgrid.shell.ShellException;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.exit.ExitStatusExceptionMapper;
import org.springframework.stereotype.Component;

import java.lang.reflect.InvocationTargetException;

/**
 * Spring Shell's hook from a command's exception to its exit status, filled with the console's
 * exit codes per kind of failure (1 failed, 2 usage, 3 unreachable, 4 auth, 5 not found, 130
 * Ctrl-C) and the sentence to show. Every command names it ({@code exitStatusExceptionMapper =
 * ExitCodes.BEAN}); the runner prints the sentence and exits with the code.
 */
@Component(ExitCodes.BEAN)
public class ExitCodes implements ExitStatusExceptionMapper {
    public static final String BEAN = "exitCodes";

    @Override
    public ExitStatus apply(Exception thrown) {
        Throwable e = thrown;
        while (e instanceof InvocationTargetException && e.getCause() != null) {
            e = e.getCause(); // an annotated command's exception comes wrapped by the reflective call
        }
        if (e instanceof ShellException s) {
            return new ExitStatus(s.exitCode(), s.getMessage());
        }
        if (e instanceof JobgridClientException c) {
            return new ExitStatus(ShellException.exitCode(c.kind()), c.getMessage());
        }
        if (e instanceof ConversionFailedException bad) {
            return new ExitStatus(ShellException.USAGE, "an option takes " + bad.getTargetType().getName()
                    + " (true or false for a flag), but was '" + bad.getValue() + "'");
        }
        throw new IllegalStateException(e.toString(), e); // unexpected: the runner reports it with its type
    }
}
