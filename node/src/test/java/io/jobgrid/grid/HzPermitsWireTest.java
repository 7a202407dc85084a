package io.jobgrid.grid;

import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import io.jobgrid.api.ConcurrencyLimit;
import io.jobgrid.core.KeyPermits;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every permit change and its outcome survive Hazelcast's wire form, as they cross to the key's members. */
class HzPermitsWireTest {
    private final InternalSerializationService wire = new DefaultSerializationServiceBuilder().build();

    @Test
    void everyChangeArrivesAsItWasSentAndAppliesTheSame() {
        List<KeyPermits.Change> changes = List.of(new KeyPermits.SetMax(2), new KeyPermits.Acquire("J1", 3, "J1:2/db:9"),
                new KeyPermits.Release(Map.of("J1", 3, "J2", 1)), new KeyPermits.Repark(List.of("J3:0/db:1", "J4:0/db:2")),
                new KeyPermits.ReleaseThenAcquire(Map.of("J1", 3), new KeyPermits.Acquire("J6", 1, "J6:0/db:4")),
                new KeyPermits.SetMax(null));
        for (KeyPermits.Change change : changes) {
            HzPermits.ChangeProcessor sent = new HzPermits.ChangeProcessor(change);
            HzPermits.ChangeProcessor arrived = wire.toObject(wire.toData(sent));
            assertThat(arrived).usingRecursiveComparison().isEqualTo(sent);
        }
    }

    @Test
    void aReleaseThenAcquireIsTheReleaseFollowedByTheAcquireInOneStep() {
        KeyPermits permits = new KeyPermits();
        new KeyPermits.SetMax(1).apply("db", permits);
        new KeyPermits.Acquire("J1", 1, "J1:0/db:1").apply("db", permits);
        assertThat(new KeyPermits.Acquire("J2", 1, "J2:0/db:2").apply("db", permits).granted()).isFalse(); // parked

        KeyPermits.Outcome out = new KeyPermits.ReleaseThenAcquire(Map.of("J1", 1),
                new KeyPermits.Acquire("J3", 1, "J3:0/db:3")).apply("db", permits);

        // J1's permit went to J3 at once; J2, parked before, is woken to try again (as two separate steps would)
        assertThat(out.granted()).isTrue();
        assertThat(out.woken()).containsExactly("J2:0/db:2");
        assertThat(permits.holders()).containsExactly(Map.entry("J3", 1));
        // a release of an attempt no longer holding changes nothing: the acquire alone decides
        KeyPermits.Outcome stale = new KeyPermits.ReleaseThenAcquire(Map.of("J1", 1),
                new KeyPermits.Acquire("J4", 1, "J4:0/db:4")).apply("db", permits);
        assertThat(stale.granted()).isFalse();
        assertThat(stale.holders()).containsExactly(Map.entry("J3", 1));
    }

    @Test
    void anOutcomeArrivesWhole() {
        KeyPermits.Outcome out = new KeyPermits.Outcome(false, Map.of("J1", 2), List.of("J5:0/db:3"),
                new ConcurrencyLimit("db", null, 1, 4));
        HzPermits.Answer arrived = wire.toObject(wire.toData(new HzPermits.Answer(out)));
        assertThat(arrived.toOutcome()).isEqualTo(out);
    }
}
