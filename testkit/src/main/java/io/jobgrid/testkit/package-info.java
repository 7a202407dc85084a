/**
 * What the node's end-to-end tests and the benchmarks share to run real clusters: one
 * implementation each, so a fix reaches both. Plain JDK, nothing of jobgrid: a test-scope
 * dependency of {@code node}, a compile dependency of {@code bench}.
 */
package io.jobgrid.testkit;
