package io.jobgrid.web;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.node.GridNode;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** REST over TLS from a PKCS#12 keystore the test makes with keytool, and a client that trusts it. */
class TlsTest {
    private static final String PASSWORD = "changeit-please";
    @TempDir
    static Path dir;
    private static Path keystore;
    private static TestGrid grid;
    private static GridNode node;

    @BeforeAll
    static void start() throws Exception {
        keystore = dir.resolve("node.p12");
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "jobgrid", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(out).isZero();
        grid = new TestGrid();
        node = grid.start(s -> s.httpPort(0).tlsKeystore(keystore).tlsKeystorePassword(PASSWORD));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void servesTheApiOverHttpsToAClientThatTrustsTheCertificate() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore)).build();

        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(node.url() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> submitted = client.send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"shell\":\"exit 0\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(node.url()).startsWith("https://127.0.0.1:");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(submitted.statusCode()).isEqualTo(201);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient client = HttpClient.newHttpClient();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(node.url() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpGetsNoAnswerFromTheTlsPort() {
        URI plain = URI.create(node.url().replace("https://", "http://") + "/health");

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void aWrongKeystorePasswordStopsTheNodeAtStartNamingTheSetting() {
        assertThatThrownBy(() -> grid.start(s -> s.httpPort(0).tlsKeystore(keystore).tlsKeystorePassword("wrong")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tlsKeystore")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("tlsKeystore");
    }

    @Test
    void aMissingKeystoreIsRefusedByTheConfig() {
        assertThatThrownBy(() -> io.jobgrid.api.NodeConfig.builder().tlsKeystore(dir.resolve("nope.p12"))
                .tlsKeystorePassword(PASSWORD).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tlsKeystore must be a readable PKCS#12 file, but was");
    }

    private static SSLContext trusting(Path store) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }
}
