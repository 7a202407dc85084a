package io.jobgrid.grid.internal;

import com.hazelcast.internal.services.ServiceNamespace;
import com.hazelcast.internal.services.ServiceNamespaceAware;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.spi.impl.operationservice.Operation;

import java.io.IOException;

/**
 * A map-service partition operation carrying a {@link PartitionUpdate}: what {@link UpdateOperation}
 * and its backup share. The update is written as an object (by its own serializer); the operation
 * belongs to the map service and the map's namespace, and Hazelcast's logs show the update.
 */
abstract class MapPartitionOperation extends Operation implements ServiceNamespaceAware, IdentifiedDataSerializable {
    protected PartitionUpdate<?, ?> update;

    MapPartitionOperation() {
    }

    MapPartitionOperation(PartitionUpdate<?, ?> update) {
        this.update = update;
    }

    @Override
    public String getServiceName() {
        return MapService.SERVICE_NAME;
    }

    @Override
    public ServiceNamespace getServiceNamespace() {
        return MapService.getObjectNamespace(update.map());
    }

    @Override
    public int getFactoryId() {
        return UpdateOperation.FACTORY_ID;
    }

    @Override
    protected void writeInternal(ObjectDataOutput out) throws IOException {
        out.writeObject(update);
    }

    @Override
    protected void readInternal(ObjectDataInput in) throws IOException {
        update = in.readObject();
    }

    /** What Hazelcast's logs (slow operations, invocation failures) say about this operation. */
    @Override
    protected void toString(StringBuilder sb) {
        super.toString(sb);
        sb.append(", ").append(update);
    }
}
