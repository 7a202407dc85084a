package io.jobgrid.shell.runner;

import io.jobgrid.shell.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WordsTest {

    @Test
    void splitsLikeAPosixShell() {
        assertThat(Words.split("submit --name 'my job' -- sh -c \"echo \\\"hi\\\"; exit 1\""))
                .containsExactly("submit", "--name", "my job", "--", "sh", "-c", "echo \"hi\"; exit 1");
        assertThat(Words.split("  a\\ b   c''  ")).containsExactly("a b", "c");
        assertThat(Words.split("x '' y")).containsExactly("x", "", "y");
        assertThat(Words.split("'it'\\''s'")).containsExactly("it's");
    }

    @Test
    void joinThenSplitGivesTheSameWords() {
        List<String> argv = List.of("submit", "--", "sh", "-c", "echo 'a b'; echo \"$HOME\" \\ done", "", "x=y,z");

        assertThat(Words.split(Words.join(argv))).isEqualTo(argv);
    }

    @Test
    void refusesAnUnclosedQuoteNamingIt() {
        assertThatThrownBy(() -> Words.split("submit -- echo 'oops"))
                .isInstanceOf(UsageException.class).hasMessageContaining("unclosed single quote");
    }
}
