package io.jobgrid.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes manifests into fabric8's model and refuses what the API server would not know: an
 * unknown kind (fabric8 falls back to a generic resource) or a field the model lacks at any depth
 * (fabric8 keeps those in each object's {@code additionalProperties} instead of failing, so every
 * object of the read tree is searched for them).
 */
final class StrictManifests {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String MODEL = "io.fabric8.kubernetes.api.model";

    private StrictManifests() {
    }

    /** The one resource in {@code file}; fails naming the file and the path of any field Kubernetes does not know. */
    static HasMetadata read(Path file) throws IOException {
        Object read = SERIALIZATION.unmarshal(Files.readString(file));
        if (!(read instanceof HasMetadata resource) || read instanceof GenericKubernetesResource) {
            throw new AssertionError(file + ": not a kind of the Kubernetes API: " + read);
        }
        List<String> unknown = new ArrayList<>();
        collectUnknown(resource, resource.getKind(), unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError(file + ": fields Kubernetes does not know: " + unknown);
        }
        return resource;
    }

    private static void collectUnknown(Object value, String path, List<String> unknown) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectUnknown(list.get(i), path + "[" + i + "]", unknown);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknown(v, path + "." + k, unknown));
        } else if (value != null && value.getClass().getName().startsWith(MODEL)) {
            for (Method getter : value.getClass().getMethods()) {
                if (isModelGetter(getter)) {
                    Object child = invoke(getter, value);
                    if (getter.getName().equals("getAdditionalProperties")) {
                        ((Map<?, ?>) child).keySet().forEach(k -> unknown.add(path + "." + k));
                    } else {
                        collectUnknown(child, path + "." + getter.getName().substring(3), unknown);
                    }
                }
            }
        }
    }

    private static boolean isModelGetter(Method m) {
        return m.getName().startsWith("get") && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                && m.getDeclaringClass().getName().startsWith(MODEL);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
