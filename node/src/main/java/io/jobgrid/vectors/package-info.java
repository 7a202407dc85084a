/**
 * Distributed vectors of doubles, computed where their chunks live (SPEC.md section 6, issue 8).
 *
 * <h2>Layout</h2>
 * A vector is metadata in {@code jobgrid.vectors} ({@link io.jobgrid.vectors.VectorMeta}: size,
 * version, the update in progress) and chunks of 64k doubles in {@code jobgrid.vector-chunks},
 * stored in OBJECT in-memory format. A chunk's partition depends only on the vector's size and the
 * chunk index ({@link io.jobgrid.vectors.ChunkKey}), so chunk i of two vectors of the same size
 * share a partition: axpy, mul and dot read the other operand's chunk from the same record store
 * ({@link io.jobgrid.vectors.Colocated}), primary and backup alike. No chunk crosses the network
 * except when Hazelcast migrates a partition.
 *
 * <h2>Engine</h2>
 * In-place updates (add, scale, axpy, mul) are one Hazelcast partition operation per partition
 * holding chunks of the vector ({@link io.jobgrid.vectors.UpdatePartition}, run by
 * {@link io.jobgrid.grid.internal.Internals#updatePartition}), invoked by the
 * member that got the request on each partition's owner. The operation updates the partition's chunks on its
 * partition thread, straight on the stored {@code double[]}; Hazelcast sends its backup operation
 * to the backup replicas, which apply the same update, and answers once they acknowledged. Create
 * and delete are entry processors over the chunks ({@link io.jobgrid.vectors.UpdateChunk}), with
 * the same processor run on the backups; above 256 chunks a one-vertex Jet light job drives them
 * ({@link io.jobgrid.vectors.LocalChunks}: each member's processor covers the chunks that member
 * owns and merges one partial into a result entry); smaller vectors are driven straight from the
 * caller, because a Jet job has a fixed cost.
 *
 * <p>Reductions (sum, dot, min, max, norm2) change nothing, so they need no backup, no lock and
 * no entry processor: {@link io.jobgrid.vectors.LocalScan} hands each owning member its chunks
 * through an executor, and the member reduces them on its partition threads straight from the
 * record store, one task per partition, answering with one partial.
 *
 * <p>The record-store reads ({@link io.jobgrid.vectors.Colocated}, {@link io.jobgrid.vectors.LocalScan}),
 * the partition tasks ({@link io.jobgrid.vectors.LocalScan}) and the backup-aware partition
 * operation that carries {@link io.jobgrid.vectors.UpdatePartition} are Hazelcast internals; they
 * go through {@link io.jobgrid.grid.internal.Internals}, whose package says what each is, why the
 * public API does not suffice, and how to check a Hazelcast upgrade.
 *
 * <h2>Why, with the numbers measured on this 2-core machine</h2>
 * <ul>
 * <li>{@code Sources.map} copies every chunk into the pipeline (issue 8: 0.03-0.3 of one core's
 * loop); entry processors on OBJECT chunks run the loop in place. Hazelcast only clones the value
 * for entry processors when the map has an index; this map has none.</li>
 * <li>A noop Jet light job costs 15-40 ms on 3 in-JVM members; the first pipeline (partition-local
 * source, Jet aggregate, map sink) cost 40-60 ms for a 1M-element sum, the one-vertex cooperative
 * job 30-40 ms. Sum of 10M: 16 ms driven directly, 38-60 ms through Jet; 100M: ~130 ms both. Hence
 * the 256-chunk threshold.</li>
 * <li>JFR on 3 member processes (bench/VectorsProfile and {@code bin/bench vectors --node-jvm
 * -XX:StartFlightRecording=...}): Java serialization of keys, processors and per-chunk results was
 * ~15% of an operation's CPU and hashing the Java form of each key 5%; chunk migration through
 * {@code ObjectOutputStream} took a quarter of the CPU while partitions moved. Hence
 * {@link io.jobgrid.vectors.VectorSerializers}. After that the entry-processor machinery around
 * the loops is ~10% of the samples; the rest is the loops themselves, on primaries and backups.</li>
 * <li>Reductions left Jet for {@link io.jobgrid.vectors.LocalScan} after a per-thread CPU
 * profile (bench/VectorsProfile, 3 members, 100M doubles): through Jet and an entry processor per
 * chunk a sum cost 72 ms of CPU, 54 of them on the partition threads, for a loop that takes
 * 24-29 ms on one core; LocalScan costs 41 ms (35 on the partition threads), dot 64-71 ms instead
 * of 116. A Jet light job alone (15-40 ms to start) is as long as the whole sum on two cores.
 * In-place updates left the entry processors and Jet after the same profile: an entry processor
 * per chunk under a Jet job kept the partition threads busy 159-225 ms per add of 100M (1,526
 * chunks, each handled twice, on primary and backup, through the multi-key operation, locking
 * checks, record updates and a result per chunk), one partition operation per partition 92-107
 * ms, near the loops themselves (two concurrent adds of 100M take 57-87 ms on this machine). The
 * same partition operations driven from a one-vertex Jet job took 156-390 ms per add against
 * 86-113 ms without it: the job's start and its processor waiting on the operations cost more
 * than the work. So Jet drives create and delete of large vectors only, where an entry processor
 * builds each chunk and the job's start is small next to allocating and filling the values.</li>
 * <li>{@code bin/bench vectors} on this machine (shared, 2 cores, so the figures move with the load
 * average): see the table in README's vectors section and the commit log for the runs.</li>
 * </ul>
 *
 * <h2>Expressions</h2>
 * {@link io.jobgrid.api.Vectors#eval} evaluates an expression of several steps in one pass
 * ({@link io.jobgrid.vectors.Evaluations}): {@link io.jobgrid.vectors.ExprParser} reads it,
 * {@link io.jobgrid.vectors.ExprCompiler} turns it into a {@link io.jobgrid.vectors.Program}, a flat
 * list of block operations ({@link io.jobgrid.vectors.BlockOps}) over slots (operand chunks,
 * numbers, temporaries, the result chunk), with constants folded and repeated subexpressions
 * computed once. A chunk is evaluated block by block (1,024 elements), one tight loop per
 * operation, so the temporaries' current blocks stay in the cache and each operand chunk is read
 * from memory once. Every loop indexes all its arrays at the same element (temporaries are as long
 * as a chunk, from a per-thread {@link io.jobgrid.vectors.Scratch}, and an operation writes over a
 * temporary it reads for the last time, so there are few; a number is a scalar in the loop), the
 * one shape C2's SuperWord (JDK 17, no runtime alias check) vectorises: in cache,
 * {@code c = y * 2 + x} went from 1.12 to 0.37 ns per element (0.31 for the loop by hand) and
 * {@code sum((x - y) * (x - y))} from 1.47 to 0.72 (CONTRIBUTING, "Vector expressions"); with
 * {@code bin/bench vectors} at 100M the fused sum went from 0.67 to 0.86-0.99 of one thread's
 * fused loop and {@code y = y + 0.5 * x} from 0.54 to 0.58-0.70 of axpy (README).
 * Comparisons and {@code where} stay scalar (C2 17 does not vectorise a conditional move).
 *
 * <p>The program then runs as one loop over the chunk, generated for it
 * ({@link io.jobgrid.vectors.FusedLoops}: bytecode, a hidden class): each operand element read
 * once, every operation a local, the result stored or folded into four lanes per reduction. One
 * pass per block operation cost as much as streaming the operands: one thread over 32M elements,
 * {@code sum((y - x) * (y - x))} 1.18-1.22 ns per element through the block loops, 0.56-0.59
 * through the generated loop, 0.54-0.57 by hand. At 100M in {@code bin/bench vectors} the fused
 * sum's partition threads went from 137-152 to 63-96 ms of CPU (dot over the same vectors: 62-102). The block
 * loops remain the fallback when a loop cannot be generated, and the reference it is tested
 * against, bit for bit for assignments.
 *
 * <p>One evaluation is one Jet light job ({@link io.jobgrid.vectors.EvalJob}): vertex {@code eval},
 * one processor per member, runs that member's {@link io.jobgrid.vectors.EvalShare} (the chunks of
 * the partitions Jet assigned to it, read from the record store on their partition threads, every
 * operand's chunk in the same partition); a distributed all-to-one edge takes one partial per
 * member to vertex {@code combine}, forced onto the member that asked. A value's partition work
 * is a partition task as in {@link io.jobgrid.vectors.LocalScan}; an assignment's is one
 * {@link io.jobgrid.vectors.EvalPartition} operation per partition, whose backup evaluates the same
 * expression on the backup replicas, journaled like the single updates. Vectors of at most
 * {@code DIRECT_MAX_CHUNKS} chunks skip the job and send each member its share directly.
 *
 * <p>The single operations keep their own paths (partition operations for updates,
 * {@link io.jobgrid.vectors.LocalScan} for reductions) behind {@link io.jobgrid.vectors.HzVectors}.
 * Measured with {@code bin/bench vectors} (3 node processes, one run at load average 16-28): an
 * update as an expression ({@code y = y + 0.5 * x}) took 297 ms against 178 ms for axpy at 100M
 * (0.60; 0.66 at 10M, 0.69 at 10k), its partition threads 424 ms of CPU against 216: the block
 * program makes two passes over each block where axpy's loop makes one, and the operation is
 * Java-serialised to the backups. A reduction as an expression was as fast as the scan (1.10 at
 * 100M through Jet, 1.23 at 10M, 0.79 at 10k, where the expression's extra metadata reads show), so
 * routing the single reductions through it gains nothing. A Jet job cost 8.5 ms (sum over 257
 * chunks through Jet 20.0 ms, over 256 chunks sent directly 11.5 ms), hence the direct path for
 * small vectors. The compiled program is cached per expression text on every member; the DAG
 * itself is two small vertices built per call, which costs microseconds next to the job's start.
 *
 * <p>An assignment to a new vector makes each chunk of the target inside its
 * {@link io.jobgrid.vectors.EvalPartition} operation: allocated, computed from the operands'
 * co-located chunks and put into the record store
 * ({@link io.jobgrid.grid.internal.PartitionUpdate.Replica#put}), by the backup operation on each
 * backup replica too; no create pass first. The metadata is committed last, so the vector appears
 * only complete. Measured with {@code bin/bench vectors} (100M, best of 5; per-operation CPU of the
 * 3 nodes), {@code c = y * 2 + x} against one thread writing a third array: before, create pass
 * then evaluation, 0.18 (763 vs 138 ms; load average 4-6), the nodes' partition threads 620 ms of
 * CPU, GC threads 440 + 72 concurrent, 1,415 ms in all; now 0.25 (550 vs 135 ms; 10M 0.27; 10k
 * 5.1 ms; load rising from 0.1 to 7 with the bench's own nodes), partition threads 570 ms, GC
 * 509 + 60, 1,286 in all, but 0.18 in another run of the same code (load 4-5; 1,381 ms). The
 * target (0.5) is still missed, and the pass removed was not the cost: a Java allocation zeroes
 * the array either way. Where the time goes, from the same accounting: (1) G1 copies every new chunk once,
 * out of the young generation (the nodes' GC threads about 500 ms of CPU per 100M assigned, as
 * much as the loops); (2) the block loops were not vectorised then (0.85 ns per element in cache
 * against 0.29 for the same fused loop by hand), so the program's partition time was 1.75x axpy's
 * for an in-place update of the same shape (395 vs 225 ms); they are since (Expressions, above),
 * and the two runs after gave 1.27-1.37x (265 vs 209, 247 vs 180 ms) and 429-453 ms of partition
 * threads per new vector of 100M, while the GC threads still took 472-533 ms and the ratio stayed
 * at 0.20-0.22;
 * (3) the backups double the work, on 2 cores shared by 3 nodes. Tried and not kept, each measured
 * in one run at 100M: arrays without the zeroing ({@code Unsafe.allocateUninitializedArray}, which
 * needs an {@code --add-exports}): partition threads 569 ms against 592, within the noise;
 * chunks that fill a whole G1 region (131,064 doubles with 1 MiB regions), so G1 allocates them
 * outside the young generation and never copies them: GC threads 84 ms instead of about 500, but
 * 174 ms of concurrent marking and 733 ms on the partition threads (humongous allocation), and no
 * gain in time (657 vs 673 ms). The fused reduction {@code sum((y - x) * (y - x))} was 0.67 of one
 * thread's fused loop in this run (0.78 in the run before the change, 1.28 in an earlier one), 8.2x
 * faster than the same steps as single operations.
 *
 * <h2>Failures</h2>
 * Updates run in place, so they cannot be rolled back; they are made exactly-once per chunk
 * instead. Each chunk carries a version; an update moves it from {@code from} to {@code to} and a
 * chunk already at {@code to} is skipped, so a retried invocation (a primary died after applying,
 * Hazelcast re-sent the operation to the promoted backup) or a re-run never applies twice. The
 * update is journaled in the metadata before any chunk changes and cleared after all have: if it
 * cannot finish (3 attempts, waiting for a safe cluster in between) the vector says
 * {@code interrupted: add(2.0)}, reads and other updates are refused with 409, and re-running the
 * same update moves the remaining chunks only. Within one partition an update is all or
 * nothing: every chunk (and axpy's or mul's other operand) is checked before any changes, so a
 * conflict never leaves a partition's primary ahead of its backup. Reads check every chunk's
 * version against the metadata, so a sum never mixes before and after.
 *
 * <p>NaN policy: scalars and fill values must be finite; arithmetic follows IEEE 754 (overflow to
 * infinity, NaN propagates into sum, dot, norm2, min and max). Min and max of an empty vector are
 * refused; its sum, dot and norm2 are 0.
 */
package io.jobgrid.vectors;
