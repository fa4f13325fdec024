package io.github.dockercache.discovery;

/** A build file that cannot be read as its tool reads it; the message is one line and names the file. */
public final class DiscoveryException extends Exception {
    public DiscoveryException(String message) {
        super(message);
    }
}
