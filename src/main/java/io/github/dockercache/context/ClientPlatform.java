package io.github.dockercache.context;

import java.util.Locale;

/** The operating system of the client that sends the context; it decides modes and kept xattrs (cache-model §3.2). */
public enum ClientPlatform {
    LINUX,
    MACOS,
    WINDOWS;

    /** The platform this JVM runs on. */
    public static ClientPlatform current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        if (os.startsWith("mac")) {
            return MACOS;
        }
        return LINUX;
    }
}
