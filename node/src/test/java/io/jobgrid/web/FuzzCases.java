package io.jobgrid.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Seeded generator of hostile REST requests for {@link RestFuzzTest}. */
final class FuzzCases {
    /** One request; {@code body} null means none. */
    record Case(String method, String path, byte[] body, String contentType) {
        String describe() {
            String b = body == null ? "" : new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
            return method + " " + (path.length() > 200 ? path.substring(0, 200) + "..." : path) + " body["
                    + (body == null ? 0 : body.length) + "] " + b;
        }
    }

    private static final String VALID = "{\"command\":[\"/bin/true\"],\"name\":\"fuzz\",\"env\":{\"K\":\"V\"},"
            + "\"timeoutSeconds\":5,\"maxAttempts\":2,\"backoff\":{\"initialSeconds\":0.1,\"factor\":2,"
            + "\"maxSeconds\":1},\"constraints\":{},\"idempotencyKey\":\"k1\"}";
    private static final List<String> FIELDS = List.of("command", "shell", "env", "workdir", "timeoutSeconds",
            "maxAttempts", "backoff", "constraints", "name", "idempotencyKey", "dependsOn", "initialSeconds",
            "__proto__", "", "command ", "Command");
    private static final List<String> BAD_IDS = List.of("..", "../..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e",
            "%00", "0000000000001", "0000000000001%00", "%ff%fe", "a%2Fb", "%252e%252e", "IIIIIIIIIIIII",
            "zzzzzzzzzzzzz", "0000000000000000000000000", "-1", "%20", "..;", "%c0%ae%c0%ae", "~root", "%E2%80%AE");
    private static final List<String> PARAMS = List.of("state", "node", "limit", "attempt", "from", "follow",
            "buffer", "x", "");

    private final Random random;

    FuzzCases(Random random) {
        this.random = random;
    }

    Case next(int i) {
        return switch (random.nextInt(12)) {
            case 0, 1 -> post(json(randomValue(0)));
            case 2, 3, 4 -> post(mutate(VALID.getBytes(StandardCharsets.UTF_8)));
            case 5 -> i % 20 == 0 ? post(huge()) : post(deep());
            case 6 -> post(invalidUtf8());
            case 7, 8 -> idRoute();
            case 9 -> new Case("GET", "/api/v1/jobs" + query(), null, null);
            case 10 -> new Case(pick(List.of("PUT", "DELETE", "PATCH", "POST", "GET")),
                    pick(List.of("/api/v1/jobs", "/api/v1/nodes", "/health", "/metrics", "/api/v1/jobs/x/cancel",
                            "/api/v1/../../etc/passwd", "/api/v1/events?buffer=0", "//api//v1//jobs")),
                    random.nextBoolean() ? null : bytes(random.nextInt(100)), null);
            default -> post(json(validish()));
        };
    }

    private Case post(byte[] body) {
        return new Case("POST", "/api/v1/jobs", body, random.nextInt(4) == 0 ? "text/plain" : "application/json");
    }

    private Case idRoute() {
        String id = random.nextBoolean() ? pick(BAD_IDS) : randomPathText();
        String tail = pick(List.of("", "/logs", "/cancel", "/logs?attempt=" + random.nextInt() + "&from=" + random.nextLong(),
                "/dag", "/logs" + query()));
        String method = tail.startsWith("/cancel") ? "POST" : "GET";
        return new Case(method, "/api/v1/jobs/" + id + tail, null, null);
    }

    private String query() {
        StringBuilder q = new StringBuilder("?");
        int n = random.nextInt(4);
        for (int k = 0; k < n; k++) {
            q.append(pick(PARAMS)).append('=').append(pick(List.of("", "-1", "0", "99999999999", "abc", "RUNNING",
                    "running", "%00", "%ff", "1e9", "true", "NaN", "%2e%2e%2f", "x".repeat(random.nextInt(3000)))))
                    .append('&');
        }
        return q.toString();
    }

    private String randomPathText() {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(20);
        for (int k = 0; k < n; k++) {
            s.append(pick(List.of("a", "Z", "0", "%2F", "%2e", ".", "%25", "%ff", "~", "-", "_", "%20", ";", "%3B")));
        }
        return s.toString();
    }

    private String validish() {
        StringBuilder s = new StringBuilder("{\"command\":[\"/bin/true\"]");
        if (random.nextBoolean()) {
            s.append(",\"").append(pick(FIELDS)).append("\":").append(randomValue(2));
        }
        if (random.nextBoolean()) {
            s.append(",\"maxAttempts\":").append(pick(List.of("0", "1", "101", "-5", "2.5", "\"3\"", "1e99", "null")));
        }
        return s.append('}').toString();
    }

    private String randomValue(int depth) {
        int kind = depth > 4 ? random.nextInt(4) : random.nextInt(7);
        return switch (kind) {
            case 0 -> pick(List.of("null", "true", "false", "0", "-1", "1e308", "-1e309", "123456789012345678901234567890",
                    "0.1", "NaN", "-0"));
            case 1 -> quote(randomText());
            case 2 -> "\"/bin/true\"";
            case 3 -> "[]";
            case 4 -> {
                StringBuilder a = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    a.append(k == 0 ? "" : ",").append(randomValue(depth + 1));
                }
                yield a.append(']').toString();
            }
            default -> {
                StringBuilder o = new StringBuilder("{");
                int n = random.nextInt(5);
                for (int k = 0; k < n; k++) {
                    o.append(k == 0 ? "" : ",").append(quote(random.nextInt(3) == 0 ? randomText() : pick(FIELDS)))
                            .append(':').append(randomValue(depth + 1));
                }
                yield o.append('}').toString();
            }
        };
    }

    private String randomText() {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(12);
        for (int k = 0; k < n; k++) {
            s.append(pick(List.of("a", "é", "\\u0000", "\\n", "\\\"", "\\ud800", "💥", " ", "=", "/", "$(id)", "`",
                    "\\\\", "%s", "{}")));
        }
        return s.toString();
    }

    private byte[] mutate(byte[] valid) {
        byte[] b = valid.clone();
        int edits = 1 + random.nextInt(4);
        for (int k = 0; k < edits; k++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b = splice(b, at, new byte[0], 1 + random.nextInt(Math.min(8, b.length - at)));
                case 2 -> b = splice(b, at, new byte[]{(byte) pick(List.of('{', '}', '[', ']', '"', ',', ':', '\\', '0'))
                        .charValue()}, 0);
                default -> b = splice(b, at, new String(b, StandardCharsets.ISO_8859_1)
                        .substring(at, Math.min(b.length, at + 10)).getBytes(StandardCharsets.ISO_8859_1), 0);
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, byte[] insert, int remove) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    private byte[] huge() {
        return random.nextBoolean()
                ? ("{\"command\":[\"/bin/true\"],\"name\":\"" + "n".repeat(RestServerLimits.OVER) + "\"}")
                        .getBytes(StandardCharsets.UTF_8)
                : ("{\"command\":[\"/bin/true\"],\"shell\":\"" + "s".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] deep() {
        int depth = 500 + random.nextInt(5_000); // the parser stops at 1,000 levels anyway
        String open = random.nextBoolean() ? "[" : "{\"env\":";
        String close = open.equals("[") ? "]" : "}";
        return ("{\"command\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] invalidUtf8() {
        byte[] bad = pick(List.of(new byte[]{(byte) 0xff, (byte) 0xfe}, new byte[]{(byte) 0xc0, (byte) 0xae},
                new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[]{(byte) 0xe2, (byte) 0x82}));
        byte[] head = "{\"command\":[\"/bin/true\"],\"name\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(bad, 0, out, head.length, bad.length);
        System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
        return out;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** Sizes around the server's body limit. */
    static final class RestServerLimits {
        static final int OVER = (int) RestServer.MAX_BODY_BYTES + 1024;

        private RestServerLimits() {
        }
    }
}
