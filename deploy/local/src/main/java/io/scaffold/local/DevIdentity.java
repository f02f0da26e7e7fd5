package io.scaffold.local;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The local stack's identity provider: an RSA key generated at first start (kept in the state folder, never in the
 * repo) that signs dev tokens; the services are configured to trust its public key.
 */
public final class DevIdentity {
    /** The audience the services require (SCAFFOLD_JWT_AUDIENCE; the stack passes this one). */
    public static final String AUDIENCE = "scaffold";

    static final long TOKEN_LIFETIME_MINUTES = 12 * 60;

    private final PrivateKey privateKey;
    private final Path publicKeyFile;
    private final String issuer;
    private final String sealedIdsKey;

    private DevIdentity(PrivateKey privateKey, Path publicKeyFile, String issuer, String sealedIdsKey) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
        this.issuer = issuer;
        this.sealedIdsKey = sealedIdsKey;
    }

    public static DevIdentity loadOrCreate(Path dir, String issuer) {
        Path privateFile = dir.resolve("private-key.pem");
        Path publicFile = dir.resolve("public-key.pem");
        try {
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.UTF_8);
                Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                        StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
            }
            String body = Files.readString(privateFile, StandardCharsets.UTF_8)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new DevIdentity(key, publicFile, issuer, sealedIdsKey(dir.resolve("sealed-ids.key")));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new StackException("cannot prepare the dev signing key in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key requests-service seals anonymous requesters with and notifications-service opens them with (32 random
     * bytes, base64), kept with the stack's state so that events written before a restart still open after it.
     */
    private static String sealedIdsKey(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }

    /** Given only to the services that seal or open anonymous requesters. */
    public String sealedIdsKey() {
        return sealedIdsKey;
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public long lifetimeSeconds() {
        return TOKEN_LIFETIME_MINUTES * 60;
    }

    public String issuer() {
        return issuer;
    }

    /** The domain of the dev tokens' addresses. */
    public static final String MAIL_DOMAIN = "scaffold.localhost";

    /**
     * A signed token for the user, with the roles in the {@code groups} claim, and an address in the mail sink's
     * domain ({@code <user>@scaffold.localhost}) so that e-mail to them lands in the sink.
     */
    public String tokenFor(String user, List<String> roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(AUDIENCE);
        claims.setSubject(user);
        claims.setClaim("upn", user);
        claims.setClaim("preferred_username", user);
        claims.setClaim("email", user + "@" + MAIL_DOMAIN);
        claims.setStringListClaim("groups", roles);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(TOKEN_LIFETIME_MINUTES);
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing a dev token failed", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
