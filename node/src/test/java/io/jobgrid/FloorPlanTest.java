package io.jobgrid;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The node's floor plan, held by the build: which ring may use which, no cycle between packages,
 * Hazelcast only in the adapter rings, and its internals only behind one door. CONTRIBUTING.md
 * explains the rings; change both together.
 */
@AnalyzeClasses(packages = "io.jobgrid", importOptions = ImportOption.DoNotIncludeTests.class)
class FloorPlanTest {
    /** The rings that adapt Hazelcast, and the composition root: the only places that may name it. */
    private static final String[] HAZELCAST_RINGS = {
        "io.jobgrid.grid..", "io.jobgrid.vectors..", "io.jobgrid.membership..", "io.jobgrid.events..", "io.jobgrid.node.."
    };

    @ArchTest
    static final ArchRule ringsUseOnlyTheRingsBeneathThem = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("api").definedBy("io.jobgrid.api")
            .layer("execution").definedBy("io.jobgrid.execution")
            .layer("core").definedBy("io.jobgrid.core..")
            .layer("history").definedBy("io.jobgrid.history")
            .layer("grid").definedBy("io.jobgrid.grid")
            .layer("grid.internal").definedBy("io.jobgrid.grid.internal")
            .layer("vectors").definedBy("io.jobgrid.vectors")
            .layer("membership").definedBy("io.jobgrid.membership")
            .layer("events").definedBy("io.jobgrid.events")
            .layer("web").definedBy("io.jobgrid.web")
            .layer("metrics").definedBy("io.jobgrid.metrics")
            .layer("node").definedBy("io.jobgrid.node")
            .whereLayer("api").mayNotAccessAnyLayer()
            .whereLayer("execution").mayOnlyAccessLayers("api")
            .whereLayer("core").mayOnlyAccessLayers("api", "execution")
            .whereLayer("history").mayOnlyAccessLayers("api")
            .whereLayer("grid.internal").mayOnlyAccessLayers("api")
            .whereLayer("grid").mayOnlyAccessLayers("api", "core", "history", "grid.internal")
            .whereLayer("vectors").mayOnlyAccessLayers("api", "core", "grid", "grid.internal")
            .whereLayer("membership").mayOnlyAccessLayers("api", "core", "grid", "grid.internal")
            .whereLayer("events").mayOnlyAccessLayers("api", "core", "grid")
            .whereLayer("web").mayOnlyAccessLayers("api")
            .whereLayer("metrics").mayOnlyAccessLayers("api", "core")
            .whereLayer("node").mayNotBeAccessedByAnyLayer();

    @ArchTest
    static final ArchRule noCycleBetweenPackages = slices().matching("io.jobgrid.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule hazelcastOnlyInTheAdapterRings = noClasses()
            .that().resideOutsideOfPackages(HAZELCAST_RINGS)
            .should().dependOnClassesThat().resideInAPackage("com.hazelcast..")
            .because("the api, the scheduler core, execution, history, web and metrics are written against ports,"
                    + " so they can be tested and reasoned about without a cluster");

    @ArchTest
    static final ArchRule hazelcastInternalsOnlyBehindOneDoor = noClasses()
            .that().resideOutsideOfPackage("io.jobgrid.grid.internal..")
            .should().dependOnClassesThat().resideInAnyPackage("com.hazelcast..impl..", "com.hazelcast..internal..")
            .because("a Hazelcast upgrade is then checked by one package and its one test class, InternalsTest");
}
