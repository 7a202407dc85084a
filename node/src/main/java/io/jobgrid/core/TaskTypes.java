package io.jobgrid.core;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.Task;
import io.jobgrid.api.TaskSpec;
import io.jobgrid.api.TaskType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Java tasks this node can run: the task types registered by name ({@link ServiceLoader} on
 * the node's task class loader, plus those given in code) and every task class that loader can
 * load. A route ({@link TaskSpec#route()}) this node does not have is never taken from a queue
 * here, so a missing class is never found out at run time.
 */
public final class TaskTypes {
    private final ClassLoader loader;
    private final Map<String, TaskType<?>> named;
    private final Map<String, Boolean> loadable = new ConcurrentHashMap<>();

    private TaskTypes(ClassLoader loader, Map<String, TaskType<?>> named) {
        this.loader = loader;
        this.named = Map.copyOf(named);
    }

    /** The types {@code loader}'s {@code META-INF/services/io.jobgrid.api.TaskType} lists, then {@code given}. */
    public static TaskTypes load(ClassLoader loader, Collection<? extends TaskType<?>> given) {
        Map<String, TaskType<?>> named = new TreeMap<>();
        for (TaskType<?> t : ServiceLoader.load(TaskType.class, loader)) {
            add(named, t);
        }
        for (TaskType<?> t : given) {
            add(named, t);
        }
        return new TaskTypes(loader, named);
    }

    /** No named types; task objects of the classes {@code loader} has. */
    public static TaskTypes of(ClassLoader loader) {
        return load(loader, List.of());
    }

    private static void add(Map<String, TaskType<?>> named, TaskType<?> type) {
        TaskSpec.named(type.name(), Map.of()); // checks the name
        TaskType<?> before = named.putIfAbsent(type.name(), type);
        if (before != null && before.getClass() != type.getClass()) {
            throw new IllegalStateException("task type " + type.name() + " is registered twice, by "
                    + before.getClass().getName() + " and " + type.getClass().getName());
        }
    }

    /** The names of the registered types, sorted. */
    public Set<String> names() {
        return new java.util.TreeSet<>(named.keySet());
    }

    /** True when this node can run tasks of {@code route}. */
    public boolean has(String route) {
        String className = TaskSpec.classOf(route);
        if (className == null) {
            return named.containsKey(route);
        }
        return loadable.computeIfAbsent(className, this::canLoad);
    }

    private boolean canLoad(String className) {
        try {
            return Task.class.isAssignableFrom(Class.forName(className, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The named type, or null when this node has none of that name. */
    public TaskType<?> named(String name) {
        return named.get(name);
    }

    /**
     * The task to run: made by its named type from its arguments, or read back from its bytes.
     *
     * @throws InvalidInputException naming {@code args.X} when the type refuses the arguments
     */
    public Task<?> task(TaskSpec spec) {
        if (spec.named()) {
            TaskType<?> type = named.get(spec.type());
            if (type == null) {
                throw new InvalidInputException("task", "task type '" + spec.type() + "' is not on this node");
            }
            return type.create(spec.args());
        }
        try (ObjectInputStream in = new LoaderInput(new ByteArrayInputStream(spec.code()), loader)) {
            return (Task<?>) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new InvalidInputException("task", "task " + spec.type() + " could not be read: " + e);
        }
    }

    /** Reads {@code bytes} (a serialized result) with this node's task class loader. */
    public Object read(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new LoaderInput(new ByteArrayInputStream(bytes), loader)) {
            return in.readObject();
        }
    }

    public ClassLoader loader() {
        return loader;
    }

    /** Java deserialization that resolves classes with the task class loader rather than the caller's. */
    static final class LoaderInput extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderInput(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
