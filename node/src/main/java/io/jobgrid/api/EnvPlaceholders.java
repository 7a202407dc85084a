package io.jobgrid.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} in the string values of a node config with the environment variable
 * {@code NAME}, so that a config file kept in a ConfigMap or an image can name secrets (a database
 * password, a token) that a Secret or compose puts into the environment. An unset variable stops the
 * node naming the key, rather than starting with an empty password. {@code $${} writes a literal
 * {@code ${}.
 */
final class EnvPlaceholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\$?)\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private EnvPlaceholders() {
    }

    /** Replaces placeholders in every string value under {@code node}, in place; {@code path} names it in errors. */
    static void resolve(JsonNode node, String path, UnaryOperator<String> env) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isTextual()) {
                    object.set(field.getKey(), new TextNode(substitute(field.getValue().asText(), key, env)));
                } else {
                    resolve(field.getValue(), key, env);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String key = path + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, new TextNode(substitute(array.get(i).asText(), key, env)));
                } else {
                    resolve(array.get(i), key, env);
                }
            }
        }
    }

    private static String substitute(String text, String key, UnaryOperator<String> env) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + m.group(2) + "}";
            } else {
                replacement = env.apply(m.group(2));
                if (replacement == null) {
                    throw new InvalidInputException(key, key + " names the environment variable " + m.group(2)
                            + ", but it is not set");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
