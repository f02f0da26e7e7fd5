package io.scaffold.platform.people;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a verified token says about its person (OpenID Connect standard claims): {@code name} (else {@code given_name}
 * and {@code family_name}, else {@code preferred_username}), {@code email} (dropped when {@code email_verified} is
 * false), {@code zoneinfo} (an IANA zone) and {@code locale} (a BCP 47 tag). A claim that is malformed is left out
 * rather than trusted: a token is identity, not input to echo.
 */
public record PersonClaims(String userId, String name, String email, String zoneinfo, String locale) {
    private static final int MAX_NAME = 200;
    private static final int MAX_EMAIL = 254;
    /** One address, no display name, no spaces or angle brackets: nothing that can add a header or a recipient. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>,;:\"()\\[\\]\\\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}"
            + "[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+");

    public static PersonClaims of(JsonWebToken token) {
        return of(token.getSubject(), claim(token, "name"), claim(token, "given_name"), claim(token, "family_name"),
                claim(token, "preferred_username"), claim(token, "email"),
                !"false".equalsIgnoreCase(claim(token, "email_verified")), claim(token, "zoneinfo"),
                claim(token, "locale"));
    }

    /** Claims another service recorded (its event), held to the same rules as a token's. */
    public static PersonClaims recorded(String userId, String name, String email, String zoneinfo, String locale) {
        return of(userId, name, null, null, null, email, true, zoneinfo, locale);
    }

    static PersonClaims of(String userId, String name, String givenName, String familyName, String username,
            String email, boolean emailVerified, String zoneinfo, String locale) {
        String full = name(name);
        if (full == null) {
            full = name(((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)));
        }
        if (full == null) {
            full = name(username);
        }
        return new PersonClaims(userId, full, emailVerified ? email(email) : null, zone(zoneinfo), locale(locale));
    }

    /** The token says nothing about the person. */
    public boolean isEmpty() {
        return name == null && email == null && zoneinfo == null && locale == null;
    }

    /** The same person as last time: nothing to record. */
    public String fingerprint() {
        String canonical = String.join("\u0000", String.valueOf(name), String.valueOf(email),
                String.valueOf(zoneinfo), String.valueOf(locale));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return null;
        }
        String text = value instanceof jakarta.json.JsonString json ? json.getString() : value.toString();
        return text.isBlank() ? null : text;
    }

    /** Control characters (a header or line injection) removed, spaces collapsed, length bounded. */
    static String name(String value) {
        if (value == null) {
            return null;
        }
        String clean = value.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
        if (clean.isEmpty()) {
            return null;
        }
        return clean.codePointCount(0, clean.length()) <= MAX_NAME ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, MAX_NAME));
    }

    static String email(String value) {
        if (value == null || value.length() > MAX_EMAIL) {
            return null;
        }
        String address = value.strip();
        return EMAIL.matcher(address).matches() ? address : null;
    }

    static String zone(String value) {
        if (value == null || value.length() > 64) {
            return null;
        }
        try {
            return ZoneId.of(value.strip()).getId();
        } catch (DateTimeException e) {
            return null;
        }
    }

    static String locale(String value) {
        if (value == null || value.length() > 35) {
            return null;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(value.strip().replace('_', '-')).build();
            return locale.getLanguage().isEmpty() ? null : locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            return null;
        }
    }
}
