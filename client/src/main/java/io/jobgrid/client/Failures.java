package io.jobgrid.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobgridClientException.Kind;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns what went wrong on the wire into a sentence a person can act on, and a {@link Kind} a
 * program can test. The node's own error text (with the field it names) is kept verbatim.
 */
final class Failures {
    private final GridTarget target;
    private final TrustStore trust;

    Failures(GridTarget target, TrustStore trust) {
        this.target = target;
        this.trust = trust;
    }

    /** The failure for a non-2xx answer and its body (the node's {@code {"error","field","status"}}, or any text). */
    JobgridClientException of(int status, String body) {
        ErrorBody error = ErrorBody.parse(status, body);
        String text = error.error();
        return switch (status) {
            case 400, 409, 413, 422 -> failure(Kind.REFUSED, text, error);
            case 401 -> failure(Kind.AUTH, "The node at " + target.url()
                    + (target.token() == null ? " wants a token, but none was given: use --token or JOBGRID_TOKEN"
                    : " refused the token given (401): check --token or JOBGRID_TOKEN"), error);
            case 403 -> failure(Kind.AUTH, "The node at " + target.url() + " refused the request (403 forbidden): "
                    + text + ". A read-only token can list and read but change nothing: changes need the node's "
                    + "full token (--token or JOBGRID_TOKEN)", error);
            case 404 -> failure(Kind.NOT_FOUND, text, error);
            case 503 -> failure(Kind.UNREACHABLE, "The node at " + target.url() + " is not ready yet (503): " + text,
                    error);
            default -> failure(Kind.REFUSED, "The node at " + target.url() + " answered " + status + ": " + text, error);
        };
    }

    private static JobgridClientException failure(Kind kind, String message, ErrorBody error) {
        return new JobgridClientException(kind, message, error.status(), error.field(), null);
    }

    JobgridClientException transport(IOException e) {
        JobgridClientException tls = tls(e);
        if (tls != null) {
            return tls;
        }
        String why = reason(e);
        if (target.url().startsWith("http://") && why.contains("received no bytes")) {
            why += "; if the node serves TLS, use an https:// URL";
        }
        return new JobgridClientException(Kind.UNREACHABLE, "Cannot reach a jobgrid node at " + target.url()
                + " (" + why + "). Start one with 'bin/jobgrid node', or point the console at a running one"
                + " with --url or JOBGRID_URL.", e);
    }

    /** A sentence for a TLS failure (an untrusted or misnamed certificate, a node without TLS), else null. */
    private JobgridClientException tls(IOException e) {
        if (!(e instanceof SSLException)) {
            return null;
        }
        String detail = root(e).getMessage() == null ? e.getMessage() : root(e).getMessage();
        if (e instanceof SSLHandshakeException && detail != null
                && (detail.contains("subject alternative") || detail.contains("No name matching"))) {
            return new JobgridClientException(Kind.AUTH, "The certificate of the node at " + target.url()
                    + " is not made out to " + URI.create(target.url()).getHost() + " (" + detail + "); connect by a"
                    + " name the certificate lists, or give the node a certificate for this one.", e);
        }
        if (e instanceof SSLHandshakeException) {
            return new JobgridClientException(Kind.AUTH, "The node at " + target.url() + " presented a certificate"
                    + " the console does not trust (" + detail + "). " + (trust.configured()
                    ? "It is not in --trust-store " + trust.file() + "; give the node's certificate or the CA that"
                    + " signed it." : "Give the node's certificate or its CA with --trust-store FILE (PKCS#12, JKS"
                    + " or PEM) or JOBGRID_TRUST_STORE."), e);
        }
        return new JobgridClientException(Kind.UNREACHABLE, "Cannot talk TLS to the node at " + target.url()
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
        Throwable root = root(e);
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + Http.REQUEST_TIMEOUT.toSeconds() + "s";
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

    /** Reads the field named {@code field} of an error body, for {@link ErrorBody}. */
    static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
