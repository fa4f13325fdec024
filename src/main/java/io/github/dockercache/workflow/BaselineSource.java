package io.github.dockercache.workflow;

import java.nio.file.Path;

/** Where the baseline to compare with comes from: a file in the repository, or an artifact fetched from a Maven repository. */
public interface BaselineSource {

    /** The local file to read; a file that does not exist means "no baseline yet". */
    Path locate() throws BaselineUnavailableException;

    /** How messages name the baseline. */
    String describe();

    /** True when a missing baseline is worth a warning (a remote that could not be reached), not just a hint. */
    boolean remote();

    static BaselineSource file(Path file, String displayName) {
        return new BaselineSource() {
            @Override
            public Path locate() {
                return file;
            }

            @Override
            public String describe() {
                return displayName;
            }

            @Override
            public boolean remote() {
                return false;
            }
        };
    }
}
