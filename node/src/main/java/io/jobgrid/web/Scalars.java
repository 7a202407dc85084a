package io.jobgrid.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;

/**
 * Reads a Java task's serialized result for REST when it is a string, number or boolean. Only
 * those classes may be read (an {@link ObjectInputFilter}), so a result never loads or runs a
 * class here; anything else reads as null.
 */
final class Scalars {
    private static final ObjectInputFilter ONLY_SCALARS = ObjectInputFilter.Config.createFilter(
            "java.lang.String;java.lang.Number;java.lang.Integer;java.lang.Long;java.lang.Double;java.lang.Float;"
                    + "java.lang.Short;java.lang.Byte;java.lang.Boolean;maxdepth=2;!*");

    private Scalars() {
    }

    static Object read(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ONLY_SCALARS);
            Object v = in.readObject();
            return v instanceof String || v instanceof Number || v instanceof Boolean ? v : null;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }
}
