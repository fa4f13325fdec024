package io.github.dockercache.differential.generated;

/**
 * One edit of a pair's own context directory between the two builds, in the terms of the differential harness's
 * {@code Change} ops ({@code write}, {@code chmod}, {@code touch}, {@code delete}, {@code mkdir}, {@code symlink},
 * {@code hardlink}, {@code xattr}).
 *
 * @param op the harness op
 * @param path relative to the pair's directory
 * @param value {@code write}: the content; {@code chmod}: the octal mode; {@code symlink}: the link's target, as
 *     stored; {@code hardlink}: the existing file, relative to the pair's directory; {@code xattr}: the attribute's
 *     value (its name is {@code test})
 */
public record ContextEdit(String op, String path, String value) {
    public static ContextEdit write(String path, String content) {
        return new ContextEdit("write", path, content);
    }

    public static ContextEdit chmod(String path, String mode) {
        return new ContextEdit("chmod", path, mode);
    }

    public static ContextEdit touch(String path) {
        return new ContextEdit("touch", path, null);
    }

    public static ContextEdit delete(String path) {
        return new ContextEdit("delete", path, null);
    }

    public static ContextEdit mkdir(String path) {
        return new ContextEdit("mkdir", path, null);
    }

    public static ContextEdit symlink(String path, String target) {
        return new ContextEdit("symlink", path, target);
    }

    public static ContextEdit hardlink(String path, String existing) {
        return new ContextEdit("hardlink", path, existing);
    }

    public static ContextEdit xattr(String path, String value) {
        return new ContextEdit("xattr", path, value);
    }
}
