package io.jobgrid.compute;

class OneMemberVectorsTest extends VectorOperationsContract {
    @Override
    int members() {
        return 1;
    }
}
