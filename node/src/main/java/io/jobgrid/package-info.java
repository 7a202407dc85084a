/**
 * The node's command line ({@code jobgrid node ...}) and its start-up settings such as the log
 * format. The engine itself lives in the sub-packages.
 */
package io.jobgrid;
