package io.github.dockercache.workflow;

/**
 * How messages tell the user what to do: the build tool words each remedy as a command that works where it is
 * printed. The core only chooses which one applies.
 */
public interface Hints {
    /** The command that runs one of the plugin's goals here, e.g. {@code baseline}. */
    String goal(String goal);

    /**
     * The command that runs one of the plugin's goals for every image of this build that is built from this image's
     * Dockerfile: an edit of a shared Dockerfile changes them all alike. Where the build knows of no other, {@link
     * #goal}.
     */
    default String sharedGoal(String goal) {
        return goal(goal);
    }

    /** How to give one of the plugin's parameters a value for one run, e.g. {@code force} and {@code true}. */
    String setting(String parameter, String value);

    /** How the user's configuration names one of the plugin's parameters, e.g. {@code images}. */
    String parameter(String name);

    /** How to give the JVM the goal runs in an option, e.g. {@code -Xmx1g}. */
    String jvmOption(String option);

    /** How to build the project, so that the outputs its image copies exist. */
    String buildProject();

    /** How to have check run after the rest of the build's packaging, so that it sees the final outputs. */
    String runCheckLast();
}
