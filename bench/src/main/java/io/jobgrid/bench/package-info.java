/**
 * Benchmarks against a local multi-process cluster. Each measures its baseline in the same run
 * and prints, as its last line, one JSON object with the figures and the ratio.
 */
package io.jobgrid.bench;
