package io.jobgrid.shell.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.shell.ShellException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns what went wrong on the wire into a sentence a person can act on, and an exit code a
 * script can test. The node's own error text (with the field it names) is kept verbatim.
 */
final class Failures {
    private final GridTarget target;
    private final ObjectMapper json;
    private final TrustStore trust;

    Failures(GridTarget target, ObjectMapper json, TrustStore trust) {
        this.target = target;
        this.json = json;
        this.trust = trust;
    }

    ShellException of(int status, String body) {
        String error = errorText(body);
        return switch (status) {
            case 400, 409, 413, 422 -> new ShellException(ShellException.FAILED, error);
            case 401 -> new ShellException(ShellException.AUTH, "The node at " + target.url()
                    + (target.token() == null ? " wants a token, but none was given: use --token or JOBGRID_TOKEN"
                    : " refused the token given (401): check --token or JOBGRID_TOKEN"));
            case 403 -> new ShellException(ShellException.AUTH, "The node at " + target.url()
                    + " refused the request (403 forbidden): " + error);
            case 404 -> new ShellException(ShellException.NOT_FOUND, error);
            case 503 -> new ShellException(ShellException.UNREACHABLE, "The node at " + target.url()
                    + " is not ready yet (503): " + error);
            default -> new ShellException(ShellException.FAILED, "The node at " + target.url()
                    + " answered " + status + ": " + error);
        };
    }

    ShellException transport(IOException e) {
        ShellException tls = tls(e);
        if (tls != null) {
            return tls;
        }
        String why = reason(e);
        if (target.url().startsWith("http://") && why.contains("received no bytes")) {
            why += "; if the node serves TLS, use an https:// URL";
        }
        return new ShellException(ShellException.UNREACHABLE, "Cannot reach a jobgrid node at " + target.url()
                + " (" + why + "). Start one with 'bin/jobgrid node', or point the console at a running one"
                + " with --url or JOBGRID_URL.", e);
    }

    /** A sentence for a TLS failure (an untrusted or misnamed certificate, a node without TLS), else null. */
    private ShellException tls(IOException e) {
        if (!(e instanceof SSLException)) {
            return null;
        }
        String detail = root(e).getMessage() == null ? e.getMessage() : root(e).getMessage();
        if (e instanceof SSLHandshakeException && detail != null
                && (detail.contains("subject alternative") || detail.contains("No name matching"))) {
            return new ShellException(ShellException.AUTH, "The certificate of the node at " + target.url()
                    + " is not made out to " + URI.create(target.url()).getHost() + " (" + detail + "); connect by a"
                    + " name the certificate lists, or give the node a certificate for this one.", e);
        }
        if (e instanceof SSLHandshakeException) {
            return new ShellException(ShellException.AUTH, "The node at " + target.url() + " presented a certificate"
                    + " the console does not trust (" + detail + "). " + (trust.configured()
                    ? "It is not in --trust-store " + trust.file() + "; give the node's certificate or the CA that"
                    + " signed it." : "Give the node's certificate or its CA with --trust-store FILE (PKCS#12, JKS"
                    + " or PEM) or JOBGRID_TRUST_STORE."), e);
        }
        return new ShellException(ShellException.UNREACHABLE, "Cannot talk TLS to the node at " + target.url()
                + " (" + detail + "); if it serves plain HTTP, use an http:// URL.", e);
    }

    private static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String reason(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + GridClient.REQUEST_TIMEOUT.toSeconds() + "s";
        }
        if (root instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return "connection refused";
        }
        String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return message != null ? message : root.getClass().getSimpleName();
    }

    private String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "(no details)";
        }
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through: show the text as it came
        }
        return abbreviate(body.strip());
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
