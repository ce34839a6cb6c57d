package nl.transparant.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 key that signs checkpoints, kept in a file outside the database: someone who
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

    /**
     * Reads the key pair at {@code file}: two lines, the private key (PKCS#8) and the public key (X.509), each in base64
     * (the JDK derives no public key from an Ed25519 private key by itself). When there is none and {@code generate},
     * makes one there first.
     */
    static CheckpointKey at(Path file, boolean generate) {
        try {
            if (!Files.exists(file)) {
                if (!generate) {
                    throw new IllegalStateException("No checkpoint signing key at " + file.toAbsolutePath()
                            + " (transparant.audit.checkpoint-key); mount it, or allow generating one");
                }
                generateInto(file);
            }
            List<String> lines = Files.readAllLines(file).stream().map(String::trim).filter(line -> !line.isEmpty()).toList();
            if (lines.size() != 2) {
                throw new IllegalArgumentException("expected two lines, the private and the public key");
            }
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            CheckpointKey key = new CheckpointKey(factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0)))),
                    factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1)))));
            key.checkPair();
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the checkpoint signing key at " + file.toAbsolutePath(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The file " + file.toAbsolutePath() + " holds no Ed25519 key pair (two lines of base64:"
                    + " PKCS#8 private key, X.509 public key): " + e.getMessage(), e);
        }
    }

    /** A private key with someone else's public key would sign checkpoints nobody can verify: refuse to start instead. */
    private void checkPair() throws GeneralSecurityException {
        byte[] probe = "transparant checkpoint key pair".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Signature verifier = Signature.getInstance(ALGORITHM);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(sign(probe))) {
            throw new IllegalArgumentException("the public key does not belong to the private key");
        }
    }

    /**
     * Written to a file of its own first and then linked into place, never over an existing key: nodes starting together
     * on a fresh volume all end up with the one key that got there first.
     */
    private static void generateInto(Path file) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        Path directory = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            if (posix) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
        }
        Path draft = posix
                ? Files.createTempFile(directory, "checkpoint-key", ".new", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, "checkpoint-key", ".new");
        String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        Files.writeString(draft, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n" + publicKey + "\n");
        try {
            Files.createLink(file, draft); // unlike a rename, a link never replaces a file that is there
        } catch (FileAlreadyExistsException anotherNodeWasFirst) {
            return;
        } finally {
            Files.deleteIfExists(draft);
        }
        LOG.warn("Generated a new decision-log checkpoint signing key at {}; its public key (Ed25519, X.509, base64) is {}."
                + " Keep the file out of the database's backups.", file.toAbsolutePath(), publicKey);
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
