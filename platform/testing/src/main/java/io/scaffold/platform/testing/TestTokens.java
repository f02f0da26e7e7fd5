package io.scaffold.platform.testing;

import io.smallrye.jwt.build.Jwt;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/** Signed bearer tokens for tests, from a key pair made once per test JVM and trusted by the service under test. */
public final class TestTokens {
    public static final String ISSUER = "scaffold-test";
    public static final String AUDIENCE = "scaffold";
    private static final String PRIVATE_KEY = "scaffold.test.jwt.private-key";
    private static final String PUBLIC_KEY = "scaffold.test.jwt.public-key";

    private TestTokens() {
    }

    /** {@code Authorization} header value for the user with these roles. */
    public static String bearer(String user, String... roles) {
        return "Bearer " + token(user, roles);
    }

    public static String token(String user, String... roles) {
        return token(user, java.util.Map.of(), roles);
    }

    /** A token that also carries these claims (OpenID Connect's {@code name}, {@code email}, {@code zoneinfo}...). */
    public static String token(String user, java.util.Map<String, Object> claims, String... roles) {
        return Jwt.claims(claims).issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(user)
                .upn(user)
                .groups(Set.of(roles))
                .expiresIn(3600)
                .sign(privateKey());
    }

    /** A token the service's key signed for another API (another audience). */
    public static String otherAudienceBearer(String user) {
        return "Bearer " + Jwt.issuer(ISSUER).audience("another-api").subject(user).upn(user).expiresIn(3600)
                .sign(privateKey());
    }

    /** A token signed by a key the service does not trust. */
    public static String forgedBearer(String user) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return "Bearer " + Jwt.issuer(ISSUER).audience(AUDIENCE).subject(user).upn(user).expiresIn(3600)
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token that expired an hour ago. */
    public static String expiredBearer(String user) {
        long now = System.currentTimeMillis() / 1000;
        return "Bearer " + Jwt.issuer(ISSUER).audience(AUDIENCE).subject(user).upn(user)
                .issuedAt(now - 7200).expiresAt(now - 3600).sign(privateKey());
    }

    static String publicKeyBase64() {
        ensureKeys();
        return System.getProperty(PUBLIC_KEY);
    }

    private static PrivateKey privateKey() {
        ensureKeys();
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(PRIVATE_KEY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("the test signing key is unreadable", e);
        }
    }

    private static synchronized void ensureKeys() {
        if (System.getProperty(PRIVATE_KEY) != null) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            System.setProperty(PUBLIC_KEY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            System.setProperty(PRIVATE_KEY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
