package io.scaffold.platform.people;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonClaimsTest {

    @Test
    void theNameFallsBackToGivenAndFamilyNameThenToTheUsername() {
        assertThat(PersonClaims.of("u1", "Ada Lovelace", "X", "Y", "ada", null, true, null, null).name())
                .isEqualTo("Ada Lovelace");
        assertThat(PersonClaims.of("u1", null, "Ada", "Lovelace", "ada", null, true, null, null).name())
                .isEqualTo("Ada Lovelace");
        assertThat(PersonClaims.of("u1", " ", null, null, "ada", null, true, null, null).name()).isEqualTo("ada");
        assertThat(PersonClaims.of("u1", null, null, null, null, null, true, null, null).name()).isNull();
    }

    @Test
    void aNameCannotCarryLineBreaksIntoAMailHeaderAndIsBounded() {
        assertThat(PersonClaims.name("Ada\r\nBcc: evil@example.org")).isEqualTo("Ada Bcc: evil@example.org");
        assertThat(PersonClaims.name("a".repeat(500))).hasSize(200);
    }

    @Test
    void anAddressIsKeptOnlyWhenItIsOneWellFormedAddressNotMarkedUnverified() {
        assertThat(PersonClaims.of("u1", null, null, null, null, "ada@example.org", true, null, null).email())
                .isEqualTo("ada@example.org");
        assertThat(PersonClaims.of("u1", null, null, null, null, "ada@example.org", false, null, null).email())
                .isNull();
        assertThat(PersonClaims.email("ada@example.org, eve@example.org")).isNull();
        assertThat(PersonClaims.email("Ada <ada@example.org>")).isNull();
        assertThat(PersonClaims.email("ada@example.org\r\nBcc: eve@example.org")).isNull();
        assertThat(PersonClaims.email("not-an-address")).isNull();
    }

    @Test
    void onlyRealTimeZonesAndLanguageTagsAreKept() {
        assertThat(PersonClaims.zone("Europe/Paris")).isEqualTo("Europe/Paris");
        assertThat(PersonClaims.zone("Mars/Olympus")).isNull();
        assertThat(PersonClaims.locale("fr_FR")).isEqualTo("fr-FR");
        assertThat(PersonClaims.locale("en-GB")).isEqualTo("en-GB");
        assertThat(PersonClaims.locale("!!")).isNull();
    }

    @Test
    void theFingerprintChangesWithAnyClaim() {
        PersonClaims ada = new PersonClaims("u1", "Ada", "ada@example.org", "Europe/London", "en-GB");
        assertThat(ada.fingerprint()).isEqualTo(new PersonClaims("u1", "Ada", "ada@example.org", "Europe/London",
                "en-GB").fingerprint());
        assertThat(ada.fingerprint()).isNotEqualTo(new PersonClaims("u1", "Ada", "ada@example.com",
                "Europe/London", "en-GB").fingerprint());
    }
}
