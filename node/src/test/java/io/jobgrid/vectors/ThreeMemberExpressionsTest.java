package io.jobgrid.vectors;

class ThreeMemberExpressionsTest extends VectorExpressionsContract {
    @Override
    int members() {
        return 3;
    }
}
