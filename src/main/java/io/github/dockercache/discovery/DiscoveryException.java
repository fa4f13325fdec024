package io.github.dockercache.discovery;

/** A build file that cannot be read as its tool reads it; the message is one line and names the file. */
public final class DiscoveryException extends Exception {
    /** What is wrong and what to do, when listing the images in the plugin's configuration is a way out; else null. */
    private final transient Obstacle obstacle;

    public DiscoveryException(String message) {
        super(message);
        this.obstacle = null;
    }

    DiscoveryException(Obstacle obstacle) {
        super(obstacle.toString());
        this.obstacle = obstacle;
    }

    public Obstacle obstacle() {
        return obstacle;
    }
}
