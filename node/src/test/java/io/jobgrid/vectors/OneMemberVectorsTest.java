package io.jobgrid.vectors;

class OneMemberVectorsTest extends VectorOperationsContract {
    @Override
    int members() {
        return 1;
    }
}
