package io.github.dockercache.model;

/** Image references in the one spelling BuildKit resolves them to ({@code busybox} = {@code docker.io/library/busybox:latest}). */
final class ImageReference {
    private ImageReference() {}

    static String normalize(String reference) {
        String name = reference;
        String digest = "";
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at);
            name = name.substring(0, at);
        }
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        if (!hasRegistry) {
            name = "docker.io/" + (slash < 0 ? "library/" : "") + name;
        }
        boolean hasTag = name.lastIndexOf(':') > name.lastIndexOf('/');
        if (digest.isEmpty() && !hasTag) {
            name = name + ":latest";
        }
        if (!digest.isEmpty() && hasTag) {
            // BuildKit pulls by digest and ignores the tag next to it
            name = name.substring(0, name.lastIndexOf(':'));
        }
        return name + digest;
    }

    /** True when the reference pins a digest, so a moved tag cannot change it. */
    static boolean isPinned(String reference) {
        return reference.contains("@sha256:");
    }
}
