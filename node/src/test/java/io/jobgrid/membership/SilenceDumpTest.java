package io.jobgrid.membership;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SilenceDumpTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final List<String> dumps = new ArrayList<>();
    private final SilenceDump dump = new SilenceDump(2000 * MS, dumps::add);
    private final UUID quiet = UUID.randomUUID();
    private final UUID loud = UUID.randomUUID();
    private final Map<UUID, String> names = Map.of(quiet, "n2", loud, "n3");

    @Test
    void dumpsThreadsAndSocketsOnceWhenOneMemberFallsSilentWhileAnotherIsHeard() {
        dump.check(Map.of(quiet, 1900 * MS, loud, 100 * MS), names);
        assertThat(dumps).isEmpty();

        dump.check(Map.of(quiet, 2100 * MS, loud, 200 * MS), names);
        dump.check(Map.of(quiet, 2400 * MS, loud, 300 * MS), names);

        assertThat(dumps).hasSize(1);
        assertThat(dumps.get(0)).startsWith("diagnostic: n2 silent for 2100 ms while another member was heard 200 ms ago")
                .contains("--- threads").contains("\"main\"");
    }

    @Test
    void aNewSilenceOfTheSameMemberDumpsAgain() {
        dump.check(Map.of(quiet, 2100 * MS, loud, 100 * MS), names);
        dump.check(Map.of(quiet, 10 * MS, loud, 100 * MS), names);
        dump.check(Map.of(quiet, 2500 * MS, loud, 100 * MS), names);

        assertThat(dumps).hasSize(2);
    }

    @Test
    void staysQuietWhenNobodyIsHeardSinceThisMemberIsTheOneHeldUp() {
        dump.check(Map.of(quiet, 3000 * MS, loud, 2900 * MS), names);

        assertThat(dumps).isEmpty();
    }
}
