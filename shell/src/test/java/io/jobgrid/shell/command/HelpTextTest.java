package io.jobgrid.shell.command;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.shell.core.command.AbstractCommand;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandOption;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help text of a command is written once, in its {@code @Command}, next to the {@code @Option}s
 * Spring Shell reads: these keep the two from drifting apart.
 */
class HelpTextTest {
    private final Fixtures fixtures = new Fixtures();

    private List<Command> consoleCommands() {
        return fixtures.registry.getCommands().stream()
                .filter(c -> HelpCommand.GROUP_ORDER.contains(c.getGroup())).toList();
    }

    @Test
    void everyCommandDocumentsEachOfItsOptionsWithUsageAndExamples() {
        List<Command> commands = consoleCommands();

        assertThat(commands).hasSizeGreaterThanOrEqualTo(27);
        for (Command c : commands) {
            HelpSections help = HelpSections.parse(c.getHelp());
            assertThat(c.getHelp()).as(c.getName()).startsWith(c.getName() + " - " + c.getDescription() + "\n");
            assertThat(help.usage()).as(c.getName()).startsWith(c.getName());
            assertThat(help.examples()).as(c.getName()).isNotEmpty();
            for (CommandOption o : c.getOptions()) {
                String label = (o.shortName() != ' ' ? "-" + o.shortName() + ", " : "    ") + "--" + o.longName();
                assertThat(help.options()).as(c.getName() + " documents --" + o.longName())
                        .anySatisfy(shown -> assertThat(shown).startsWith(label));
            }
            assertThat(help.options()).as(c.getName()).hasSize(c.getOptions().size());
        }
    }

    @Test
    void everyCommandTakesOutputAndNamesTheSharedProviders() {
        for (Command c : consoleCommands()) {
            assertThat(c.getOptions()).as(c.getName()).anySatisfy(o -> assertThat(o.longName()).isEqualTo("output"));
            assertThat(c.getCompletionProvider()).as(c.getName()).isInstanceOf(Completions.class);
            assertThat(((AbstractCommand) c).getExitStatusExceptionMapper()).as(c.getName()).isInstanceOf(ExitCodes.class);
        }
    }

    @Test
    void helpAsJsonGivesTheSectionsOfTheText() {
        Map<String, Object> submit = HelpCommand.describe(fixtures.registry.getCommandByName("submit"));

        assertThat(submit).containsEntry("name", "submit").containsEntry("group", "Jobs");
        assertThat(submit.get("usage").toString()).startsWith("submit [--name NAME]")
                .endsWith("--shell SCRIPT | --task NAME [--arg k=v]...)");
        assertThat(submit.get("options")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .contains("    --name NAME", "-t, --timeout DURATION", "-f, --follow", "-o, --output FORMAT");
        assertThat(submit.get("examples")).asInstanceOf(InstanceOfAssertFactories.LIST).contains("submit -- echo hello");
    }
}
