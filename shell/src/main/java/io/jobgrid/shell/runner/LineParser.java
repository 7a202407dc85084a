package io.jobgrid.shell.runner;

import io.jobgrid.shell.UsageException;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ParsedInput;

import java.util.List;

/**
 * Spring Shell's {@link CommandParser}, made to read command lines the way people write them for
 * a job runner: {@code --} anywhere ends the options (everything after it is the job's argv, dashes
 * and all), options may repeat ({@code --tag a=1 --tag b=2}), {@code -x} short names map to the long
 * ones, flags need no value, and quotes work as in a POSIX shell. Multi-word commands
 * ({@code dag submit}) are matched longest first. {@code --help} anywhere asks for the command's help.
 */
public final class LineParser implements CommandParser {
    private final CommandRegistry registry;

    public LineParser(CommandRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ParsedInput parse(String input) {
        return parse(Words.split(input));
    }

    public ParsedInput parse(List<String> words) {
        if (words.isEmpty()) {
            throw new UsageException("no command given; 'help' lists them");
        }
        int nameWords = commandWords(words);
        ParsedInput.Builder parsed = ParsedInput.builder().commandName(words.get(0));
        words.subList(1, nameWords).forEach(parsed::addSubCommand);
        String name = String.join(" ", words.subList(0, nameWords));
        Command command = registry.getCommandByName(name);
        int argument = 0;
        for (int i = nameWords; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--")) {
                for (String rest : words.subList(i + 1, words.size())) {
                    parsed.addArgument(new CommandArgument(argument++, rest));
                }
                break;
            }
            if (!isOption(word)) {
                parsed.addArgument(new CommandArgument(argument++, word));
            } else if (isHelp(word)) {
                ParsedInput.Builder help = ParsedInput.builder().commandName(words.get(0)).addOption(help());
                words.subList(1, nameWords).forEach(help::addSubCommand); // so that 'vector sum --help' is about 'vector sum'
                return help.build();
            } else {
                i = option(words, i, name, command, parsed);
            }
        }
        return parsed.build();
    }

    /** Reads the option at {@code words[i]} (and its value) into {@code parsed}; returns the last index used. */
    private int option(List<String> words, int i, String name, Command command, ParsedInput.Builder parsed) {
        String word = words.get(i);
        String key = word.startsWith("--") ? word.substring(2) : word.substring(1);
        String value = null;
        int eq = key.indexOf('=');
        if (eq >= 0) {
            value = key.substring(eq + 1);
            key = key.substring(0, eq);
        }
        CommandOption option = command == null ? null : find(command.getOptions(), key, word.startsWith("--"));
        if (option == null && command != null) {
            throw new UsageException("'" + name + "' has no option " + (eq >= 0 ? word.substring(0, word.indexOf('='))
                    : word) + "; see 'help " + name + "'");
        }
        if (option == null) {
            // an unknown command: keep going, the executor reports the command itself
            option = CommandOption.with().longName(key).type(String.class).build();
        }
        if (value == null) {
            if (isFlag(option)) {
                value = "true";
            } else if (i + 1 < words.size() && !words.get(i + 1).equals("--")) {
                value = words.get(++i);
            } else {
                throw new UsageException("option " + word + " of '" + name + "' needs a value; see 'help " + name + "'");
            }
        }
        parsed.addOption(CommandOption.with().longName(option.longName()).shortName(option.shortName())
                .type(option.type()).value(value).build());
        return i;
    }

    /** How many leading words name the command: {@code dag submit x.yaml} is 2, {@code dag 0H...} is 1. */
    private int commandWords(List<String> words) {
        int n = 1;
        String prefix = words.get(0);
        while (n < words.size() && isCommandPrefix(prefix + " " + words.get(n))) {
            prefix = prefix + " " + words.get(n);
            n++;
        }
        return n;
    }

    private boolean isCommandPrefix(String candidate) {
        for (Command c : registry.getCommands()) {
            if (c.getName().equals(candidate) || c.getName().startsWith(candidate + " ")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOption(String word) {
        if (word.startsWith("--")) {
            return word.length() > 2;
        }
        return word.length() >= 2 && word.charAt(0) == '-' && Character.isLetter(word.charAt(1))
                && (word.length() == 2 || word.charAt(2) == '=');
    }

    private static boolean isHelp(String word) {
        return word.equals("--help") || word.equals("-h");
    }

    private static CommandOption help() {
        return CommandOption.with().longName("help").shortName('h').value("true").type(boolean.class).build();
    }

    private static CommandOption find(List<CommandOption> options, String key, boolean longForm) {
        for (CommandOption o : options) {
            if (longForm ? key.equals(o.longName()) : key.length() == 1 && o.shortName() == key.charAt(0)) {
                return o;
            }
        }
        return null;
    }

    private static boolean isFlag(CommandOption option) {
        return option.type() == boolean.class || option.type() == Boolean.class;
    }
}
