package io.jobgrid.vectors;

import java.io.Serializable;

/**
 * A partial result of an expression over some chunks: one accumulator per reduction of the
 * {@link Program} (none for an assignment) and how many chunks contributed, checked against the
 * vector's chunk count so that a chunk lost or counted twice never passes silently.
 */
record EvalPartial(double[] acc, long chunks) implements Serializable {
}
