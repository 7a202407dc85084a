package io.jobgrid.vectors;

class ThreeMemberVectorsTest extends VectorOperationsContract {
    @Override
    int members() {
        return 3;
    }
}
