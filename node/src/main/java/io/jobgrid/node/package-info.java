/**
 * The node's command line ({@code jobgrid node ...}), its start-up settings such as the log
 * format, and the thread factory of its pools ({@link io.jobgrid.core.Daemons}). The engine itself
 * lives in the sub-packages.
 */
package io.jobgrid.node;
