/**
 * The public face of jobgrid: what an embedding application, the REST layer and the
 * console all program against. Nothing here names Hazelcast; the grid behind it can change
 * without breaking callers.
 */
package io.jobgrid.api;
