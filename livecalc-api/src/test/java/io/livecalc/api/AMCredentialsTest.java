package io.livecalc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AMCredentialsTest {

    @Test
    void maskKeepsFirstAndLastFourCharacters() {
        assertEquals("eyJh...XVCJ", AMCredentials.mask("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ"));
        assertEquals("abcd...efgh", AMCredentials.mask("abcdefgh".substring(0, 4) + "efgh"));
        assertEquals("1234...5678", AMCredentials.mask("12345678"));
    }

    @Test
    void maskHidesSecretsShorterThanEightCharactersCompletely() {
        assertEquals("***", AMCredentials.mask("1234567"));
        assertEquals("***", AMCredentials.mask(""));
        assertNull(AMCredentials.mask(null));
    }

    @Test
    void toStringNeverShowsTheToken() {
        AMCredentials c = new AMCredentials("https://am.example.com", "eyJhbGciOiJIUzI1NiJ9.payload.signature", Path.of("/tmp/am"));
        assertEquals("AMCredentials[url=https://am.example.com, token=eyJh...ture, cacheDir=/tmp/am]", c.toString());
        assertFalse(c.toString().contains("payload"));
    }

    @Test
    void validityNeedsAnHttpUrlWithHostAndANonBlankToken() {
        assertTrue(new AMCredentials("https://am.example.com", "t0k3n-value", null).isValid());
        assertTrue(new AMCredentials("http://127.0.0.1:8080", "t", null).isValid());
        assertFalse(new AMCredentials("ftp://am.example.com", "t", null).isValid());
        assertFalse(new AMCredentials("am.example.com", "t", null).isValid());
        assertFalse(new AMCredentials("https://am.example.com", "  ", null).isValid());
        assertFalse(new AMCredentials(null, "t", null).isValid());
        assertFalse(new AMCredentials("https://am example.com", "t", null).isValid());
    }
}
