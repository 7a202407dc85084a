/**
 * The durable job history: {@link io.jobgrid.history.JobArchive}, the records and output tails
 * that outlive every member, kept in a relational database by
 * {@link io.jobgrid.history.JdbcJobArchive} (embedded H2 for one machine, PostgreSQL for a cluster
 * that spans machines; {@link io.jobgrid.history.SqlDialect} holds their differences). Plain JDBC
 * and the API's values only: the grid ring connects it to its maps through map stores.
 */
package io.jobgrid.history;
