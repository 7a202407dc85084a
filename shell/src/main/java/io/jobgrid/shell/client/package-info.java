/**
 * The REST client: {@link io.jobgrid.shell.client.GridClient} speaks the node's HTTP contract
 * (SPEC.md section 3) with the JDK's HttpClient and Jackson, and turns transport and HTTP failures
 * into sentences (unreachable node, refused token, unknown id). The records here are read-only
 * views of the JSON the node returns; unknown fields are ignored so newer nodes stay compatible.
 */
package io.jobgrid.shell.client;
