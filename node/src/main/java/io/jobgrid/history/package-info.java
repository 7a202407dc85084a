/**
 * The durable job history: {@link io.jobgrid.history.JobArchive}, the records, output tails and
 * recurring schedules that outlive every member, kept in a relational database by
 * {@link io.jobgrid.history.JdbcJobArchive} (embedded H2 for one machine, PostgreSQL for a cluster
 * that spans machines; {@link io.jobgrid.history.SqlDialect} holds their differences). Plain JDBC
 * and the API's values only: the grid ring connects it to its maps through map stores.
 *
 * <p>Listings page by keyset, never by OFFSET: the filters of an {@link io.jobgrid.api.JobQuery}
 * (state, node, name, creation time, the schedule that fired the job) are columns next to the record's JSON, and the cursor is a
 * range of the id, so the database reads an index in order from the cursor and a deep page costs
 * what the first does. A column added after the first release is added with {@code ADD COLUMN IF
 * NOT EXISTS} and filled from the records' JSON when the archive opens.
 */
package io.jobgrid.history;
