package io.github.dockercache.files;

/** A path or value as one word of a POSIX shell command that the user may copy: quoted only where it has to be. */
public final class ShellWord {
    private ShellWord() {}

    public static String of(String value) {
        return value.matches("[A-Za-z0-9_./:,=@+-]*") ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
