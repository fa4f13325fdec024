package io.github.dockercache.workflow;

import java.nio.file.Path;

/** Remedies worded as the plugin's own POM would resolve them, for tests of the core. */
public final class TestHints implements Hints {
    @Override
    public String goal(String goal) {
        return "mvn dockercache:" + goal;
    }

    @Override
    public String setting(String parameter, String value) {
        return "-Ddockercache." + parameter + "=" + value;
    }

    @Override
    public String parameter(String name) {
        return "<" + name + ">";
    }

    @Override
    public String jvmOption(String option) {
        return "MAVEN_OPTS=" + option;
    }

    @Override
    public String buildProject() {
        return "mvn package";
    }

    @Override
    public String runCheckLast() {
        return "Run check last.";
    }

    /** Paths shown from {@code root}; nothing known about a build. */
    public static Invocation at(Path root) {
        return new Invocation(root, BuildOutputs.NONE, new TestHints(), StatCacheShare.NONE);
    }
}
