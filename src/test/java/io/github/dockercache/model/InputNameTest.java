package io.github.dockercache.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputNameTest {
    /** Baselines of every version store these names: each reads back as the same text, byte for byte. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "env:PATH",
                "env:",
                "env:A=B.checksum",
                "heredoc[0]",
                "heredoc[12]",
                "heredoc[01]",
                "src[0]",
                "src[3].checksum",
                "src[0].",
                "src[00].checksum",
                "mount[1].cache-name",
                "mount[99999999999].path",
                "src[0].url.checksum",
                "upstream:platform",
                "upstream:src[0].stage-key",
                "unkeyed:mount[0].cache",
                "unkeyed:upstream:x",
                "command",
                "image",
                "",
                "src",
                "src[x]",
                "SRC[0]"
            })
    void textRoundTrips(String text) {
        assertEquals(text, InputName.parse(text).toString());
    }

    @Test
    void kindsAreParsed() {
        assertEquals(new InputName.Variable("HOME"), InputName.parse("env:HOME"));
        assertEquals(new InputName.Heredoc(2), InputName.parse("heredoc[2]"));
        assertEquals(InputName.Source.copy(3).part("checksum"), InputName.parse("src[3].checksum"));
        assertEquals(InputName.Source.mount(0), InputName.parse("mount[0]"));
        assertEquals(
                new InputName.Upstream(InputName.Source.copy(0).part("stage-key")),
                InputName.parse("upstream:src[0].stage-key"));
        assertEquals(InputName.RECORDED_DIGEST, InputName.parse("unkeyed:digest"));
        assertInstanceOf(InputName.Field.class, InputName.parse("src[01]"));
    }

    @Test
    void keyingFollowsTheMark() {
        InputName upstream = InputName.parse("upstream:src[0].layers");
        InputName unkeyed = InputName.parse("unkeyed:src[0].stage");
        InputName plain = InputName.parse("src[0].checksum");
        assertTrue(upstream.keyed());
        assertFalse(upstream.optimistic());
        assertFalse(unkeyed.keyed());
        assertFalse(unkeyed.optimistic());
        assertTrue(plain.keyed());
        assertTrue(plain.optimistic());
    }

    @Test
    void expansionFreeInputsAreTheInstructionsOwnWords() {
        for (String name : List.of(
                "env:X",
                "env-order",
                "workdir",
                "user",
                "owner",
                "command",
                "heredoc[0]",
                "network",
                "security",
                "unpack",
                "created",
                "src[1].checksum",
                "upstream:src[0].stage-key")) {
            assertTrue(InputName.parse(name).expansionFree(), name);
        }
        for (String name : List.of("dest", "path", "src[0]", "src[0].path", "mount[0]", "unkeyed:src[0].stage")) {
            assertFalse(InputName.parse(name).expansionFree(), name);
        }
    }

    @Test
    void aSourcesInputKeepsItsMarkInFront() {
        InputName.Source source = InputName.Source.copy(1);
        assertEquals(
                "src[1].checksum", InputName.parse("checksum").within(source).toString());
        assertEquals(
                "upstream:src[1].stage-key",
                InputName.parse("upstream:stage-key").within(source).toString());
        assertEquals(
                "unkeyed:src[1].stage",
                InputName.parse("unkeyed:stage").within(source).toString());
    }
}
