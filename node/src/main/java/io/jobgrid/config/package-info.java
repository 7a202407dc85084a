/**
 * Node settings: one immutable, checked {@link io.jobgrid.config.NodeConfig}, loaded from
 * {@code jobgrid.yaml} and overridden from the command line.
 */
package io.jobgrid.config;
