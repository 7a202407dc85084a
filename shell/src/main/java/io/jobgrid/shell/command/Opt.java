package io.jobgrid.shell.command;

import org.springframework.shell.core.command.CommandOption;

/**
 * One option of a command, as help shows it and as Spring Shell registers it.
 *
 * @param valueName placeholder shown in help (e.g. {@code ID,...}); null for a flag without value
 */
public record Opt(String longName, char shortName, String valueName, String description) {

    public static Opt value(String longName, String valueName, String description) {
        return new Opt(longName, ' ', valueName, description);
    }

    public static Opt value(String longName, char shortName, String valueName, String description) {
        return new Opt(longName, shortName, valueName, description);
    }

    public static Opt flag(String longName, char shortName, String description) {
        return new Opt(longName, shortName, null, description);
    }

    public boolean isFlag() {
        return valueName == null;
    }

    /** How help shows it: {@code -f, --follow} or {@code --name NAME}. */
    public String label() {
        String names = (shortName != ' ' ? "-" + shortName + ", " : "    ") + "--" + longName;
        return isFlag() ? names : names + " " + valueName;
    }

    CommandOption toCommandOption() {
        return CommandOption.with().longName(longName).shortName(shortName).description(description)
                .required(false).type(isFlag() ? boolean.class : String.class).build();
    }
}
