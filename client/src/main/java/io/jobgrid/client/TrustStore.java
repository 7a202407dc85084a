package io.jobgrid.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a client trusts for an {@code https://} node, instead of the JDK's CAs (as
 * {@code curl --cacert} does): a PKCS#12 or JKS store, or a PEM file of certificates. A node with a
 * self-signed certificate is reached by giving that certificate, or the node's own keystore.
 *
 * @param file     the store, or null to trust the JDK's CAs
 * @param password the store's password; null for a PEM file or an unprotected store
 */
public record TrustStore(Path file, String password) {
    public static final TrustStore NONE = new TrustStore(null, null);

    public TrustStore {
        password = password == null || password.isEmpty() ? null : password;
    }

    public static TrustStore of(String file, String password) {
        return file == null || file.isBlank() ? NONE : new TrustStore(Path.of(file.strip()), password);
    }

    public boolean configured() {
        return file != null;
    }

    /** Reads the store now, so a bad one is reported before anything starts. */
    public void check() {
        if (configured()) {
            sslContext();
        }
    }

    /** A TLS context trusting exactly this store's certificates; a usage error naming the file if it cannot be read. */
    SSLContext sslContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load());
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw refused("cannot be used: " + e.getMessage());
        }
    }

    private KeyStore load() throws GeneralSecurityException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw refused("does not exist");
        } catch (IOException e) {
            throw refused("cannot be read: " + e.getMessage());
        }
        KeyStore store = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII).contains("-----BEGIN")
                ? fromPem(bytes) : fromKeyStore(bytes);
        if (certificates(store) == 0) {
            throw refused("holds no certificates" + (password == null
                    ? " that can be read without a password (give --trust-store-password or JOBGRID_TRUST_STORE_PASSWORD)"
                    : ""));
        }
        return store;
    }

    private static int certificates(KeyStore store) throws GeneralSecurityException {
        int n = 0;
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.getCertificate(alias) != null) {
                n++;
            }
        }
        return n;
    }

    private KeyStore fromPem(byte[] bytes) throws GeneralSecurityException {
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(bytes));
        KeyStore store = emptyStore();
        int i = 0;
        for (Certificate c : certs) {
            store.setCertificateEntry("cert-" + i++, c);
        }
        return store;
    }

    private KeyStore fromKeyStore(byte[] bytes) throws GeneralSecurityException {
        // the PKCS12 type also reads JKS stores (the JDK's keystore.type.compat)
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            store.load(in, password == null ? null : password.toCharArray());
        } catch (IOException e) {
            boolean wrongPassword = e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password");
            throw refused(wrongPassword ? "cannot be opened with the password given (--trust-store-password or "
                    + "JOBGRID_TRUST_STORE_PASSWORD)" : "is not a PKCS#12, JKS or PEM file: " + e.getMessage());
        }
        return store;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot make an empty key store", e);
        }
        return store;
    }

    private JobgridClientException refused(String why) {
        return new JobgridClientException(JobgridClientException.Kind.INVALID, "--trust-store " + file + " " + why);
    }
}
