package io.github.dockercache.advice;

/** The parts of an image reference ({@code registry:5000/name:tag@sha256:...}) the rules rewrite. */
final class ImageNames {
    private ImageNames() {}

    static boolean isPinned(String image) {
        return image.contains("@sha256:");
    }

    /** The tag, or null; a port in the registry host is not a tag. */
    static String tag(String image) {
        String name = withoutDigest(image);
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(colon + 1) : null;
    }

    /** The reference without tag and digest. */
    static String repository(String image) {
        String name = withoutDigest(image);
        String tag = tag(name);
        return tag == null ? name : name.substring(0, name.length() - tag.length() - 1);
    }

    private static String withoutDigest(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }
}
