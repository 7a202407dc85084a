package io.jobgrid.vectors;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.NotFoundException;
import io.jobgrid.api.TooLargeException;
import io.jobgrid.api.VectorConflictException;
import io.jobgrid.api.VectorInfo;
import io.jobgrid.api.VectorInit;
import io.jobgrid.api.Vectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input is refused with an error naming the field and the value, and nothing is stored. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VectorInputTest {
    private VectorCluster cluster;
    private Vectors vectors;

    @BeforeAll
    void startCluster() {
        cluster = new VectorCluster(1);
        vectors = cluster.vectors(0);
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Test
    void unknownVectorIsNotFound() {
        assertThatThrownBy(() -> vectors.sum("nope")).isInstanceOf(NotFoundException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> vectors.add("nope", 1)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> vectors.delete("nope")).isInstanceOf(NotFoundException.class);
        vectors.create("known", 10, VectorInit.zeros());
        assertThatThrownBy(() -> vectors.dot("known", "nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void operandOfAnotherSizeIsRefusedNamingTheField() {
        vectors.create("ten", 10, VectorInit.fill(1));
        vectors.create("eleven", 11, VectorInit.fill(1));

        assertThatThrownBy(() -> vectors.axpy("ten", 2, "eleven")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("but was 11").extracting(e -> ((InvalidInputException) e).field()).isEqualTo("x");
        assertThatThrownBy(() -> vectors.dot("ten", "eleven")).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("with");
        assertThat(vectors.info("ten").version()).isZero();
        assertThat(vectors.info("ten").state()).isEqualTo("ready");
    }

    @Test
    void negativeSizeBadNameAndNonFiniteValuesAreRefused() {
        assertThatThrownBy(() -> vectors.create("neg", -1, VectorInit.zeros()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("but was -1");
        assertThatThrownBy(() -> vectors.create("bad name!", 1, VectorInit.zeros()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("but was 'bad name!'");
        assertThatThrownBy(() -> VectorInit.fill(Double.POSITIVE_INFINITY))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("value").hasMessageContaining("Infinity");
        vectors.create("finite", 3, VectorInit.zeros());
        assertThatThrownBy(() -> vectors.add("finite", Double.NaN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("scalar must be a finite number, but was NaN");

        assertThat(vectors.list()).extracting(VectorInfo::name).doesNotContain("neg", "bad name!");
        assertThat(vectors.sum("finite")).isZero();
    }

    @Test
    void nanFromArithmeticPropagatesToEveryReduction() {
        vectors.create("huge", 2_500, VectorInit.fill(1e308));
        vectors.scale("huge", 10);
        assertThat(vectors.max("huge")).isEqualTo(Double.POSITIVE_INFINITY);

        vectors.axpy("huge", -1, "huge");

        assertThat(vectors.sum("huge")).isNaN();
        assertThat(vectors.min("huge")).isNaN();
        assertThat(vectors.norm2("huge")).isNaN();
    }

    @Test
    void minOfAnEmptyVectorIsRefusedButSumIsZero() {
        vectors.create("empty", 0, VectorInit.fill(4));

        assertThat(vectors.sum("empty")).isZero();
        assertThat(vectors.norm2("empty")).isZero();
        assertThatThrownBy(() -> vectors.min("empty")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void creatingAnExistingNameIsAConflictAndKeepsTheOriginal() {
        vectors.create("twice", 5, VectorInit.fill(2));

        assertThatThrownBy(() -> vectors.create("twice", 5, VectorInit.fill(3)))
                .isInstanceOf(VectorConflictException.class).hasMessageContaining("already exists");
        assertThat(vectors.sum("twice")).isEqualTo(10);
    }

    @Test
    void sliceBoundsAreChecked() {
        vectors.create("sliced", 100, VectorInit.range(0, 1));

        assertThatThrownBy(() -> vectors.slice("sliced", 50, 40)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("but was 40");
        assertThatThrownBy(() -> vectors.slice("sliced", -1, 4)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("but was -1");
        assertThatThrownBy(() -> vectors.slice("sliced", 0, 101)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void vectorLargerThanTheClusterCanHoldIsRefusedBeforeAnyChunkIsBuilt() {
        long tooBig = 10_000_000_000L;

        assertThatThrownBy(() -> vectors.create("too-big", tooBig, VectorInit.zeros()))
                .isInstanceOf(TooLargeException.class).hasMessageContaining("size was " + tooBig);
        assertThat(vectors.list()).extracting(VectorInfo::name).doesNotContain("too-big");
    }
}
