package io.jobgrid.web;

import io.javalin.config.JavalinConfig;
import io.jobgrid.api.InvalidInputException;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Serves REST over TLS only, from a PKCS#12 keystore, through Jetty's own TLS connector (no extra
 * plugin). With it the plain-HTTP connector is never opened. The keystore is read up front, so a
 * wrong path or password stops the node at start with an error naming the setting.
 */
public final class TlsConnector {
    private TlsConnector() {
    }

    public static void install(JavalinConfig cfg, String bind, int port, Path keystore, String password) {
        KeyStore store = load(keystore, password);
        cfg.jetty.addConnector((server, http) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(store);
            ssl.setKeyStorePassword(password);
            ssl.setKeyManagerPassword(password);
            HttpConfiguration https = new HttpConfiguration(http);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // clients may address the node by IP; the certificate is checked by them
            https.addCustomizer(secure);
            ServerConnector connector = new ServerConnector(server,
                    new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
            connector.setHost(bind);
            connector.setPort(port);
            return connector;
        });
    }

    private static KeyStore load(Path keystore, String password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            if (store.size() == 0) {
                throw new InvalidInputException("tlsKeystore", "tlsKeystore must hold a key and certificate, but "
                        + keystore + " is empty");
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidInputException("tlsKeystore", "tlsKeystore must be a PKCS#12 file readable with "
                    + "tlsKeystorePassword, but " + keystore + " failed: " + e.getMessage());
        }
    }
}
