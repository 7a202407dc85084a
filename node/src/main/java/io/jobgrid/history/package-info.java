/**
 * TODO
 */
package io.jobgrid.history;
