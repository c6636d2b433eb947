package fi.laituri.webhooks;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Optional;

/**
 * The certificates a webhook receiver's TLS certificate may chain to: the Java runtime's own authorities and, with
 * {@code laituri.webhooks.trust-store}, those of a key store (PKCS12 or JKS) besides, such as an internal authority or
 * an internal receiver's self-signed certificate. The host name is checked against the certificate either way. Made
 * when the application starts, so that a store that cannot be used stops the start with its reason.
 */
@Context
class ReceiverTrust {

    private final Optional<SSLContext> context;

    ReceiverTrust(@Value("${laituri.webhooks.trust-store:}") String store,
                  @Value("${laituri.webhooks.trust-store-password:}") String password) {
        this.context = store.isBlank() ? Optional.empty() : Optional.of(with(Path.of(store), password));
    }

    /** The TLS context trusting the store's certificates too; empty without a store (the runtime's default). */
    Optional<SSLContext> context() {
        return context;
    }

    private static SSLContext with(Path store, String password) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate authority : runtimeTrust().getAcceptedIssuers()) {
                trusted.setCertificateEntry("runtime-" + n++, authority);
            }
            KeyStore own = load(store, password);
            int added = 0;
            for (String alias : Collections.list(own.aliases())) {
                Certificate certificate = own.getCertificate(alias);
                if (certificate != null) {
                    trusted.setCertificateEntry("trust-store-" + alias, certificate);
                    added++;
                }
            }
            if (added == 0) {
                throw new IllegalStateException("laituri.webhooks.trust-store " + store + " holds no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("laituri.webhooks.trust-store " + store + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path store, String password) throws GeneralSecurityException, IOException {
        if (!Files.isRegularFile(store)) {
            throw new IOException("no such file");
        }
        return KeyStore.getInstance(store.toFile(), password == null || password.isEmpty() ? null : password.toCharArray());
    }

    private static X509TrustManager runtimeTrust() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the Java runtime has no X.509 trust manager");
    }
}
