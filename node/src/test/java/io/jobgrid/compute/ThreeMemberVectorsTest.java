package io.jobgrid.compute;

class ThreeMemberVectorsTest extends VectorOperationsContract {
    @Override
    int members() {
        return 3;
    }
}
