package io.jobgrid.shell.runner;

import io.jobgrid.shell.UsageException;
import io.jobgrid.shell.command.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ParsedInput;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineParserTest {
    private final LineParser parser = new Fixtures().parser;

    private static List<String> args(ParsedInput p) {
        return p.arguments().stream().map(CommandArgument::value).toList();
    }

    private static List<String> options(ParsedInput p) {
        return p.options().stream().map(o -> o.longName() + "=" + o.value()).toList();
    }

    @Test
    void everythingAfterDoubleDashIsTheJobsArgvDashesIncluded() {
        ParsedInput p = parser.parse("submit --name build -- ls -l --color=never --");

        assertThat(p.commandName()).isEqualTo("submit");
        assertThat(options(p)).containsExactly("name=build");
        assertThat(args(p)).containsExactly("ls", "-l", "--color=never", "--");
    }

    @Test
    void optionsRepeatAndShortNamesMapToLongOnes() {
        ParsedInput p = parser.parse("submit --tag os=linux --tag=gpu=yes -e A=1 -t 5m -- true");

        assertThat(options(p)).containsExactly("tag=os=linux", "tag=gpu=yes", "env=A=1", "timeout=5m");
    }

    @Test
    void flagsTakeNoValue() {
        ParsedInput p = parser.parse("logs -f 0HBXQ4K7M2N9P");

        assertThat(options(p)).containsExactly("follow=true");
        assertThat(args(p)).containsExactly("0HBXQ4K7M2N9P");
    }

    @Test
    void helpAnywhereAsksForTheCommandsHelp() {
        ParsedInput p = parser.parse("submit --name x --help");

        assertThat(p.options()).extracting(CommandOption::longName).containsExactly("help");
    }

    @Test
    void helpOfASubCommandIsAboutTheSubCommand() {
        ParsedInput p = parser.parse("vector sum v --help");

        assertThat(p.commandName()).isEqualTo("vector");
        assertThat(p.subCommands()).containsExactly("sum");
        assertThat(p.options()).extracting(CommandOption::longName).containsExactly("help");
    }

    @Test
    void refusesAnUnknownOptionNamingIt() {
        assertThatThrownBy(() -> parser.parse("jobs --colour red"))
                .isInstanceOf(UsageException.class).hasMessageContaining("'jobs' has no option --colour");
    }

    @Test
    void refusesAnOptionWithoutItsValue() {
        assertThatThrownBy(() -> parser.parse("jobs --state"))
                .isInstanceOf(UsageException.class).hasMessageContaining("option --state of 'jobs' needs a value");
        assertThatThrownBy(() -> parser.parse("submit --name -- true"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--name");
    }

    @Test
    void negativeNumbersAndLoneDashAreArguments() {
        ParsedInput p = parser.parse("wait -1 -");

        assertThat(args(p)).containsExactly("-1", "-");
    }
}
