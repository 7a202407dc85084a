package io.jobgrid.shell.runner;

import io.jobgrid.client.JobgridClientException;
import io.jobgrid.client.TrustStore;
import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.support.Console.Result;
import io.jobgrid.shell.support.ShellApp;
import io.jobgrid.shell.support.ShellProcess;
import io.jobgrid.shell.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console against a node that serves REST over TLS with a self-signed certificate (made with
 * keytool, as an operator would): trusted through --trust-store as a PKCS#12 store or a PEM file,
 * and a clear sentence, never a stack trace, when the certificate is not trusted or the store is bad.
 */
class TlsConsoleTest {
    private static final String PASSWORD = "changeit-please";
    @TempDir
    static Path dir;
    private static Path keystore;
    private static Path pem;
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        keystore = dir.resolve("node.p12");
        pem = dir.resolve("node.pem");
        keytool("-genkeypair", "-alias", "jobgrid", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "jobgrid", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", pem.toString());
        node = TestNode.startTls("shell-tls", keystore, PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void aTrustStoreOrAPemCertificateLetsTheConsoleTalkToATlsNode() {
        try (ShellApp p12 = ShellApp.startWith(node.url(), "jobgrid.trust-store=" + keystore,
                "jobgrid.trust-store-password=" + PASSWORD);
             ShellApp fromPem = ShellApp.startWith(node.url(), "jobgrid.trust-store=" + pem)) {
            Result nodes = p12.console().run("nodes");
            Result submitted = fromPem.console().run("submit", "--follow", "--", "echo", "over tls");

            assertThat(node.url()).startsWith("https://");
            assertThat(nodes.code()).as(nodes.err()).isZero();
            assertThat(nodes.out()).contains(node.name()).contains("ready");
            assertThat(submitted.code()).as(submitted.err()).isZero();
            assertThat(submitted.out()).contains("over tls");
        }
    }

    @Test
    void anUntrustedCertificateIsExitCode4WithTheOptionThatFixesIt() throws Exception {
        Result r = ShellProcess.run(Map.of(), "--url", node.url(), "nodes");

        assertThat(r.code()).isEqualTo(ShellException.AUTH);
        assertThat(r.err()).startsWith("Error: The node at " + node.url() + " presented a certificate the console"
                + " does not trust").contains("--trust-store FILE").contains("JOBGRID_TRUST_STORE")
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aWrongTrustStorePasswordFromTheEnvironmentIsAUsageError() throws Exception {
        Result r = ShellProcess.run(Map.of("JOBGRID_TRUST_STORE", keystore.toString(),
                "JOBGRID_TRUST_STORE_PASSWORD", "wrong"), "--url", node.url(), "nodes");

        assertThat(r.code()).isEqualTo(ShellException.USAGE);
        assertThat(r.err()).isEqualTo("Error: --trust-store " + keystore + " cannot be opened with the password given"
                + " (--trust-store-password or JOBGRID_TRUST_STORE_PASSWORD)\n");
    }

    @Test
    void aMissingOrEmptyTrustStoreIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> TrustStore.of(dir.resolve("nope.p12").toString(), null).check())
                .isInstanceOf(JobgridClientException.class).hasMessage("--trust-store " + dir.resolve("nope.p12")
                        + " does not exist");
        assertThatThrownBy(() -> TrustStore.of(keystore.toString(), null).check())
                .hasMessageContaining("holds no certificates that can be read without a password");
    }

    @Test
    void plainHttpAgainstTheTlsPortSaysToUseHttps() {
        try (ShellApp plain = ShellApp.start(node.url().replace("https://", "http://"), null)) {
            Result r = plain.console().run("nodes");

            assertThat(r.code()).isEqualTo(ShellException.UNREACHABLE);
            assertThat(r.err()).contains("Cannot reach a jobgrid node").doesNotContain("\tat ");
        }
    }
}
