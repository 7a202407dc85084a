/**
 * Benchmarks run by {@code bin/bench NAME} against a local multi-process cluster, each printing
 * one JSON line last, with the baseline measured in the same run. Never run by the tests.
 */
package io.jobgrid.bench;
