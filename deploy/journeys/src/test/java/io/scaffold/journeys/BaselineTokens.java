package io.scaffold.journeys;

import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Bearer token verification for the same-job baselines, with the least code: jose4j against the stack's public key
 * (PEM), issuer and audience, expiry and subject required, as the services verify them.
 */
final class BaselineTokens {
    private final JwtConsumer tokens;

    BaselineTokens(Path publicKeyPem, String issuer, String audience) throws Exception {
        tokens = new JwtConsumerBuilder().setVerificationKey(publicKey(publicKeyPem)).setExpectedIssuer(issuer)
                .setExpectedAudience(audience).setRequireExpirationTime().setRequireSubject().build();
    }

    /** The verified token's subject, or null when the header holds no valid bearer token. */
    String subjectOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            return tokens.processToClaims(authorization.substring(7)).getSubject();
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            return null;
        }
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                .decode(base64)));
    }
}
