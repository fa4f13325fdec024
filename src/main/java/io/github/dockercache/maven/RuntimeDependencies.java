package io.github.dockercache.maven;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.graph.DependencyNode;

/**
 * A project's runtime dependencies as the snapshot records them, {@code groupId:artifactId:extension[:classifier]:baseVersion}:
 * what tells a dependency update from a dependency layer that changed on its own. They are collected, never
 * downloaded, the way Maven builds the project's graph (its repositories, dependency management and conflict
 * resolution; the other modules of a reactor from the reactor), so that goals run outside the lifecycle and modules not
 * built yet get them too.
 */
final class RuntimeDependencies {
    private static final Set<String> RUNTIME_SCOPES = Set.of("", "compile", "runtime");

    private RuntimeDependencies() {}

    /**
     * The sorted coordinates.
     *
     * @throws DependencyResolutionException when Maven cannot build the project's dependency graph
     */
    static List<String> of(ProjectDependenciesResolver resolver, MavenProject project, RepositorySystemSession session)
            throws DependencyResolutionException {
        DefaultDependencyResolutionRequest request = new DefaultDependencyResolutionRequest(project, session);
        request.setResolutionFilter((node, parents) -> false); // the coordinates are enough: no download
        Set<String> coordinates = new TreeSet<>();
        DependencyNode graph = resolver.resolve(request).getDependencyGraph();
        if (graph != null) {
            graph.getChildren().forEach(child -> collect(child, coordinates));
        }
        return List.copyOf(coordinates);
    }

    /**
     * Those of the coordinates that are projects of the reactor, by group, artifact and version: the jars the build
     * itself makes, which change with its sources.
     *
     * @param coordinates as {@link #of} gives them, or null
     */
    static List<String> modules(List<String> coordinates, Collection<MavenProject> reactor) {
        if (coordinates == null) {
            return List.of();
        }
        Set<String> projects = reactor.stream()
                .map(p -> p.getGroupId() + ":" + p.getArtifactId() + ":" + p.getVersion())
                .collect(Collectors.toSet());
        return coordinates.stream()
                .filter(coordinate -> {
                    String[] parts = coordinate.split(":");
                    return projects.contains(parts[0] + ":" + parts[1] + ":" + parts[parts.length - 1]);
                })
                .toList();
    }

    private static void collect(DependencyNode node, Set<String> coordinates) {
        if (node.getDependency() == null
                || !RUNTIME_SCOPES.contains(node.getDependency().getScope())) {
            return; // test, provided and system dependencies, and what they bring, are not in the image
        }
        Artifact artifact = node.getArtifact();
        coordinates.add(artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getExtension()
                + (artifact.getClassifier().isEmpty() ? "" : ":" + artifact.getClassifier()) + ":"
                + artifact.getBaseVersion());
        node.getChildren().forEach(child -> collect(child, coordinates));
    }
}
