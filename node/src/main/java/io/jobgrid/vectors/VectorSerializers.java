package io.jobgrid.vectors;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.jobgrid.api.VectorInit;
import io.jobgrid.grid.internal.Internals;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Compact serializers for everything the vector operations send or store, registered on every
 * member by {@link VectorGridConfig}, with the factory of the partition operations that carry
 * {@link UpdatePartition} ({@link Internals#configure}).
 *
 * <p>Why: profiled with JFR on 3 members, Java serialization of the keys, processors and per-chunk
 * results was about 15% of the CPU of an operation, and hashing the ~200-byte Java form of each
 * key for its partition another 5%; migrating or re-replicating a chunk through
 * {@code ObjectOutputStream} wrote its doubles one by one through a growing buffer (a quarter of
 * the CPU while partitions moved). Here a key is ~20 bytes and a chunk's values go in one bulk copy.
 */
final class VectorSerializers {
    private static final int BASE = 7101;

    private VectorSerializers() {
    }

    static void register(SerializationConfig config) {
        add(config, ChunkKey.class, new KeySerializer());
        add(config, Chunk.class, new ChunkSerializer());
        add(config, Partial.class, new PartialSerializer());
        add(config, ReadChunk.class, new ReadSerializer());
        add(config, UpdateChunk.class, new UpdateSerializer());
        add(config, SliceChunk.class, new SliceSerializer());
        add(config, MergePartial.class, new MergeSerializer());
        add(config, LocalScan.class, new ScanSerializer());
        add(config, UpdatePartition.class, new PartitionSerializer());
        Internals.configure(config);
    }

    private static void add(SerializationConfig config, Class<?> type, StreamSerializer<?> serializer) {
        config.addSerializerConfig(new SerializerConfig().setTypeClass(type).setImplementation(serializer));
    }

    /** The base of each serializer's type id; ids {@code BASE..BASE+8} are taken. */
    private abstract static class Base<T> implements StreamSerializer<T> {
        private final int id;

        Base(int offset) {
            this.id = BASE + offset;
        }

        @Override
        public int getTypeId() {
            return id;
        }
    }

    static final class KeySerializer extends Base<ChunkKey> {
        KeySerializer() {
            super(0);
        }

        @Override
        public void write(ObjectDataOutput out, ChunkKey key) throws IOException {
            out.writeString(key.vector());
            out.writeLong(key.size());
            out.writeInt(key.index());
        }

        @Override
        public ChunkKey read(ObjectDataInput in) throws IOException {
            return new ChunkKey(in.readString(), in.readLong(), in.readInt());
        }
    }

    /** The values as one big-endian block: a bulk copy each way instead of a call per element. */
    static final class ChunkSerializer extends Base<Chunk> {
        ChunkSerializer() {
            super(1);
        }

        @Override
        public void write(ObjectDataOutput out, Chunk chunk) throws IOException {
            out.writeLong(chunk.version);
            byte[] bytes = new byte[chunk.values.length * Double.BYTES];
            ByteBuffer.wrap(bytes).asDoubleBuffer().put(chunk.values);
            out.writeByteArray(bytes);
        }

        @Override
        public Chunk read(ObjectDataInput in) throws IOException {
            long version = in.readLong();
            byte[] bytes = in.readByteArray();
            double[] values = new double[bytes.length / Double.BYTES];
            ByteBuffer.wrap(bytes).asDoubleBuffer().get(values);
            return new Chunk(values, version);
        }
    }

    static final class PartialSerializer extends Base<Partial> {
        PartialSerializer() {
            super(2);
        }

        @Override
        public void write(ObjectDataOutput out, Partial p) throws IOException {
            out.writeDouble(p.sum());
            out.writeDouble(p.min());
            out.writeDouble(p.max());
            out.writeLong(p.chunks());
        }

        @Override
        public Partial read(ObjectDataInput in) throws IOException {
            return new Partial(in.readDouble(), in.readDouble(), in.readDouble(), in.readLong());
        }
    }

    static final class ReadSerializer extends Base<ReadChunk> {
        ReadSerializer() {
            super(3);
        }

        @Override
        public void write(ObjectDataOutput out, ReadChunk r) throws IOException {
            out.writeByte(r.kind.ordinal());
            out.writeLong(r.version);
            out.writeString(r.other);
            out.writeLong(r.otherVersion);
        }

        @Override
        public ReadChunk read(ObjectDataInput in) throws IOException {
            return new ReadChunk(ReadChunk.Kind.values()[in.readByte()], in.readLong(), in.readString(), in.readLong());
        }
    }

    static final class UpdateSerializer extends Base<UpdateChunk> {
        UpdateSerializer() {
            super(4);
        }

        @Override
        public void write(ObjectDataOutput out, UpdateChunk u) throws IOException {
            Update update = u.update;
            out.writeByte(update.kind().ordinal());
            out.writeDouble(update.scalar());
            out.writeString(update.other());
            VectorInit init = update.init();
            out.writeBoolean(init != null);
            if (init != null) {
                out.writeByte(init.kind().ordinal());
                out.writeDouble(init.value());
                out.writeDouble(init.start());
                out.writeDouble(init.step());
                out.writeLong(init.seed());
            }
            out.writeLong(u.from);
            out.writeLong(u.to);
            out.writeLong(u.otherVersion);
            out.writeBoolean(u.backup);
        }

        @Override
        public UpdateChunk read(ObjectDataInput in) throws IOException {
            Update.Kind kind = Update.Kind.values()[in.readByte()];
            double scalar = in.readDouble();
            String other = in.readString();
            VectorInit init = null;
            if (in.readBoolean()) {
                init = new VectorInit(VectorInit.Kind.values()[in.readByte()], in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readLong());
            }
            return new UpdateChunk(new Update(kind, scalar, other, init), in.readLong(), in.readLong(), in.readLong(),
                    in.readBoolean());
        }
    }

    static final class SliceSerializer extends Base<SliceChunk> {
        SliceSerializer() {
            super(5);
        }

        @Override
        public void write(ObjectDataOutput out, SliceChunk s) throws IOException {
            out.writeLong(s.version);
            out.writeInt(s.from);
            out.writeInt(s.to);
        }

        @Override
        public SliceChunk read(ObjectDataInput in) throws IOException {
            return new SliceChunk(in.readLong(), in.readInt(), in.readInt());
        }
    }

    static final class MergeSerializer extends Base<MergePartial> {
        MergeSerializer() {
            super(6);
        }

        @Override
        public void write(ObjectDataOutput out, MergePartial m) throws IOException {
            out.writeObject(m.partial);
        }

        @Override
        public MergePartial read(ObjectDataInput in) throws IOException {
            return new MergePartial(in.readObject());
        }
    }

    static final class ScanSerializer extends Base<LocalScan> {
        ScanSerializer() {
            super(7);
        }

        @Override
        public void write(ObjectDataOutput out, LocalScan s) throws IOException {
            out.writeObject(s.read);
            out.writeString(s.vector);
            out.writeLong(s.size);
            out.writeIntArray(s.indices);
            out.writeIntArray(s.partitions);
        }

        @Override
        public LocalScan read(ObjectDataInput in) throws IOException {
            return new LocalScan(in.readObject(), in.readString(), in.readLong(), in.readIntArray(), in.readIntArray());
        }
    }

    /** The update itself goes through {@link UpdateSerializer}. */
    static final class PartitionSerializer extends Base<UpdatePartition> {
        PartitionSerializer() {
            super(8);
        }

        @Override
        public void write(ObjectDataOutput out, UpdatePartition u) throws IOException {
            out.writeObject(u.update);
            out.writeString(u.vector);
            out.writeLong(u.size);
            out.writeIntArray(u.indices);
        }

        @Override
        public UpdatePartition read(ObjectDataInput in) throws IOException {
            return new UpdatePartition(in.readObject(), in.readString(), in.readLong(), in.readIntArray());
        }
    }
}
