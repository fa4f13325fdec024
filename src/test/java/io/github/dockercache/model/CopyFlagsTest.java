package io.github.dockercache.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dockercache.dockerfile.BuildKitVersion;
import org.junit.jupiter.api.Test;

/** COPY/ADD --chmod and --chown as BuildKit keys them (copy-chmod-spellings, copy-chown-spellings). */
class CopyFlagsTest {
    private static final BuildKitVersion V13 = BuildKitVersion.fromSetting("0.13");
    private static final BuildKitVersion V17 = BuildKitVersion.fromSetting("0.17");
    private static final BuildKitVersion V25 = BuildKitVersion.fromSetting("0.25");

    @Test
    void octalSpellingsAreOneMode() throws Exception {
        for (BuildKitVersion version : new BuildKitVersion[] {V13, V17, V25}) {
            assertEquals("755", CopyFlags.chmodKey("755", version));
            assertEquals("755", CopyFlags.chmodKey("0755", version));
            assertEquals("755", CopyFlags.chmodKey("00755", version));
            assertEquals("0", CopyFlags.chmodKey("0000", version));
            assertEquals("", CopyFlags.chmodKey("", version));
            assertEquals("", CopyFlags.chmodKey(null, version));
        }
    }

    @Test
    void oldReleasesIgnoreWhatIsNotOctalAndTakeLargeModes() throws Exception {
        assertEquals("", CopyFlags.chmodKey("+x", V13));
        assertEquals("", CopyFlags.chmodKey("999", V13));
        assertEquals("", CopyFlags.chmodKey("0o755", V13));
        assertEquals("10000", CopyFlags.chmodKey("10000", V13));
    }

    @Test
    void newerReleasesRefuseWhatIsNotAMode() {
        String notOctal = "invalid chmod parameter: '%s'. it should be octal string and between 0 and 07777";
        for (String value : new String[] {"999", "0o755", "10000", "9x"}) {
            assertEquals(
                    String.format(notOctal, value),
                    assertThrows(CopyFlags.InvalidChmod.class, () -> CopyFlags.chmodKey(value, V25))
                            .getMessage());
        }
        // 0.17 to 0.19 know no symbolic mode
        assertEquals(
                String.format(notOctal, "+x"),
                assertThrows(CopyFlags.InvalidChmod.class, () -> CopyFlags.chmodKey("+x", V17))
                        .getMessage());
        for (String value : new String[] {"abc", "u+q", "+755", "u", "a+x,", "ug"}) {
            assertEquals(
                    "invalid syntax",
                    assertThrows(CopyFlags.InvalidChmod.class, () -> CopyFlags.chmodKey(value, V25))
                            .getMessage(),
                    value);
        }
    }

    @Test
    void symbolicModesAreKeyedAsWritten() throws Exception {
        for (String value : new String[] {"+x", "a+x", "u=rwx,go=rx", "g+s", "u+x-w", "=", "-", "o-rwx,u+X"}) {
            assertEquals(value, CopyFlags.chmodKey(value, V25));
        }
    }

    @Test
    void chownParsesRootAndNumbersIntoIdsAndKeepsNames() {
        assertEquals("0", CopyFlags.chownKey("root"));
        assertEquals("0", CopyFlags.chownKey("0"));
        assertEquals("0:0", CopyFlags.chownKey("root:root"));
        assertEquals("1000:1000", CopyFlags.chownKey("01000:+1000"));
        assertEquals("1000", CopyFlags.chownKey("1000"));
        assertEquals("app:app", CopyFlags.chownKey("app:app"));
        assertEquals("1000:", CopyFlags.chownKey("1000:"));
        assertEquals("-1", CopyFlags.chownKey("-1"));
        assertEquals("4294967295", CopyFlags.chownKey("4294967295")); // above int32: a name, not an id
        assertEquals("\u0661\u0660", CopyFlags.chownKey("\u0661\u0660")); // Arabic-Indic digits: a name
        assertEquals("ROOT", CopyFlags.chownKey("ROOT"));
        assertEquals("", CopyFlags.chownKey(""));
    }
}
