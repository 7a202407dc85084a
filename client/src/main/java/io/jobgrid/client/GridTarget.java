package io.jobgrid.client;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Which node a client talks to and with what token. Checked as it is built, so a typo in
 * the URL ({@code --url} in the console) is reported before any request is tried.
 *
 * @param url   base URL of any node, e.g. {@code http://127.0.0.1:8080}, without a trailing slash
 * @param token bearer token, or null when the node runs without one
 */
public record GridTarget(String url, String token) {
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    public GridTarget {
        url = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
        if (!url.contains("://")) {
            url = "http://" + url;
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("--url must be a URL like http://127.0.0.1:8080, but was '" + url + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw invalid("--url must be an http:// or https:// URL with a host, but was '" + url + "'");
        }
        token = token == null || token.isBlank() ? null : token.strip();
    }

    private static JobgridClientException invalid(String message) {
        return new JobgridClientException(JobgridClientException.Kind.INVALID, message);
    }

    /** host:port, for prompts and messages. */
    public String authority() {
        return URI.create(url).getAuthority();
    }
}
