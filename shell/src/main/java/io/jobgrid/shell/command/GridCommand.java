package io.jobgrid.shell.command;

import io.jobgrid.client.JobgridClientException;
import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.UsageException;
import io.jobgrid.client.JobgridClient;
import org.springframework.shell.core.command.AbstractCommand;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of every console command: its doc and options declared once (help and completion are
 * built from them), {@code --output table|json} on all, unknown options refused, and failures
 * returned as an exit status whose description is the sentence to show.
 */
public abstract class GridCommand extends AbstractCommand {
    public static final String OUTPUT = "output";
    static final Opt OUTPUT_OPTION = Opt.value(OUTPUT, 'o', "FORMAT", "table (default) or json");

    protected final Session session;
    protected final JobgridClient grid;
    private final CommandDoc doc;
    private final List<Opt> opts;

    protected GridCommand(CommandDoc doc, Session session, JobgridClient grid, Opt... options) {
        super(doc.name(), doc.summary(), doc.group(), "", false);
        this.doc = doc;
        this.session = session;
        this.grid = grid;
        List<Opt> all = new ArrayList<>(List.of(options));
        all.add(OUTPUT_OPTION);
        this.opts = List.copyOf(all);
        setOptions(all.stream().map(Opt::toCommandOption).toList());
        setCompletionProvider(this::complete);
    }

    public CommandDoc doc() {
        return doc;
    }

    public List<Opt> opts() {
        return opts;
    }

    @Override
    public String getHelp() {
        return HelpText.of(doc, opts);
    }

    @Override
    public ExitStatus doExecute(CommandContext context) {
        try {
            refuseUnknownOptions(context);
            Invocation invocation = new Invocation(getName(), context, session.screen(context.outputWriter()));
            invocation.json(); // checks --output before any request is made
            run(invocation);
            return ExitStatus.OK;
        } catch (ShellException e) {
            return new ExitStatus(e.exitCode(), e.getMessage());
        } catch (JobgridClientException e) {
            return new ExitStatus(ShellException.exitCode(e.kind()), e.getMessage());
        } finally {
            context.outputWriter().flush();
        }
    }

    /** Does the work; throws {@link ShellException} with a sentence for the person on failure. */
    protected abstract void run(Invocation invocation);

    /** Values to offer for {@code --option} (option is the long name), or for an argument (option null). */
    protected List<String> candidates(String option, CompletionContext context) {
        return List.of();
    }

    private List<CompletionProposal> complete(CompletionContext context) {
        CommandOption option = context.getCommandOption();
        // after a flag (--follow) the word being typed is an argument, not the flag's value
        boolean flag = option != null && (option.type() == boolean.class || option.type() == Boolean.class);
        String name = option == null || flag ? null : option.longName();
        List<String> values = OUTPUT.equals(name) ? List.of("table", "json") : candidates(name, context);
        return values.stream().map(CompletionProposal::new).toList();
    }

    private void refuseUnknownOptions(CommandContext context) {
        for (CommandOption given : context.parsedInput().options()) {
            boolean known = opts.stream().anyMatch(o -> o.longName().equals(given.longName()));
            if (!known) {
                String shown = given.longName() != null && !given.longName().isEmpty()
                        ? "--" + given.longName() : "-" + given.shortName();
                throw new UsageException("'" + getName() + "' has no option " + shown + "; see 'help " + getName() + "'");
            }
        }
    }
}
