package io.jobgrid.vectors;

class OneMemberExpressionsTest extends VectorExpressionsContract {
    @Override
    int members() {
        return 1;
    }
}
