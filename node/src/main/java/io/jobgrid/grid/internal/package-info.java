/**
 * TODO
 */
package io.jobgrid.grid.internal;
