/**
 * End-to-end tests: real node processes started through {@code bin/jobgrid}, driven over real
 * HTTP. They run with maven-failsafe in {@code verify}, after {@code package} built the jars.
 */
package io.jobgrid.e2e;
