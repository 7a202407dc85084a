/**
 * Tests of what ships to run the grid elsewhere: the Kubernetes manifests of {@code deploy/kubernetes/},
 * loaded strictly into Kubernetes' own model and checked against each other and the node's config.
 */
package io.jobgrid.deploy;
