package nl.transparant.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 key that signs checkpoints, kept in a file outside the database (PKCS#8, base64, one line): someone who
 * can write to the database cannot sign, so cannot make a rewritten chain agree with the checkpoints. The embedded
 * quick start generates one on first start (owner-only permissions) and logs its public key; in production the path
 * points at a mounted secret.
 */
final class CheckpointKey {

    static final String ALGORITHM = "Ed25519";
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointKey.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Reads the key at {@code file}; when there is none and {@code generate}, makes one there first. */
    static CheckpointKey at(Path file, boolean generate) {
        try {
            if (!Files.exists(file)) {
                if (!generate) {
                    throw new IllegalStateException("No checkpoint signing key at " + file.toAbsolutePath()
                            + " (transparant.audit.checkpoint-key); mount it, or allow generating one");
                }
                generateInto(file);
            }
            byte[] pkcs8 = Base64.getDecoder().decode(Files.readString(file).trim());
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(publicKeyFromFile(file)));
            return new CheckpointKey(privateKey, publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the checkpoint signing key at " + file.toAbsolutePath(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The file " + file.toAbsolutePath() + " holds no Ed25519 private key (PKCS#8, base64)", e);
        }
    }

    /**
     * The public key is kept next to the private one ({@code .pub}): the JDK derives no public key from an Ed25519
     * private key by itself.
     */
    private static byte[] publicKeyFromFile(Path file) throws IOException {
        Path pub = file.resolveSibling(file.getFileName() + ".pub");
        if (!Files.exists(pub)) {
            throw new IllegalStateException("The checkpoint signing key needs its public key next to it: " + pub.toAbsolutePath());
        }
        return Base64.getDecoder().decode(Files.readString(pub).trim());
    }

    private static void generateInto(Path file) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        Path directory = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(directory);
        if (posix) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
        write(file, pair.getPrivate().getEncoded(), posix, "rw-------");
        write(file.resolveSibling(file.getFileName() + ".pub"), pair.getPublic().getEncoded(), posix, "rw-r--r--");
        LOG.warn("Generated a new decision-log checkpoint signing key at {}; its public key (Ed25519, X.509, base64) is {}."
                + " Keep the private key out of the database's backups.", file.toAbsolutePath(),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }

    private static void write(Path target, byte[] key, boolean posix, String permissions) throws IOException {
        Path written = Files.writeString(target, Base64.getEncoder().encodeToString(key) + "\n");
        if (posix) {
            Files.setPosixFilePermissions(written, PosixFilePermissions.fromString(permissions));
        }
    }

    byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java 17 runtime signs with Ed25519", e);
        }
    }

    PublicKey publicKey() {
        return publicKey;
    }

    String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    String keyId() {
        return keyId(publicKey);
    }

    static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key (X.509, base64)", e);
        }
    }

    /** Whether {@code checkpoint} was signed by the holder of {@code key}. */
    static boolean signedBy(Checkpoint checkpoint, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(checkpoint.signedBytes());
            return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
