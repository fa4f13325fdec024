package io.github.dockercache.advice;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dependency manager: the manifest files that decide what it downloads, and the commands that download
 * (an install) or build (which downloads first). Manifest paths are relative to the project directory
 * the manifests sit in; a directory is written with a trailing slash.
 */
enum Ecosystem {
    MAVEN(
            "pom\\.xml|mvnw",
            "pom\\.xml",
            List.of(".mvn"),
            "(?:\\S*/)?mvnw?",
            "dependency:(?:go-offline|resolve|resolve-plugins)",
            "package|install|verify|compile|test|deploy") {
        @Override
        Optional<String> prefetch(String command, Set<String> manifests) {
            return tool(command).map(tool -> tool + " -B dependency:go-offline");
        }

        /**
         * A .mvn/ that holds only the wrapper's files is the wrapper's manifest, .mvn/wrapper/: mvn reads
         * .mvn/maven.config, jvm.config and extensions.xml, never the wrapper's files, which only mvnw reads.
         */
        @Override
        Set<String> manifests(Collection<String> files) {
            Set<String> manifests = super.manifests(files);
            if (manifests.contains(".mvn/")
                    && files.stream()
                            .filter(file -> file.startsWith(".mvn/"))
                            .allMatch(file -> file.startsWith(WRAPPER_DIRECTORY))) {
                manifests.remove(".mvn/");
                manifests.add(WRAPPER_DIRECTORY);
            }
            return manifests;
        }

        @Override
        boolean needs(String manifest, String command) {
            return !(manifest.equals("mvnw") || manifest.equals(WRAPPER_DIRECTORY)) || command.contains("mvnw");
        }
    },
    GRADLE(
            "(?:settings|build)\\.gradle(?:\\.kts)?|gradle\\.properties|gradlew",
            "build\\.gradle(?:\\.kts)?",
            List.of("gradle"),
            "(?:\\S*/)?gradlew?",
            "dependencies",
            "build|assemble|bootJar|jar|shadowJar|installDist|test") {
        @Override
        Optional<String> prefetch(String command, Set<String> manifests) {
            return tool(command).map(tool -> tool + " dependencies");
        }

        @Override
        boolean needs(String manifest, String command) {
            return !manifest.equals("gradlew") || command.contains("gradlew");
        }
    },
    NPM(
            "package\\.json|package-lock\\.json|npm-shrinkwrap\\.json|yarn\\.lock|pnpm-lock\\.yaml|\\.npmrc",
            null,
            List.of(),
            "npm|yarn|pnpm",
            // a global install (-g) fetches a tool, not the project's dependencies
            "(?:ci|install|i)(?![^;&|\\n]*\\s(?:-g|--global)\\b)",
            "(?:run\\s+)?build") {
        /** A build only runs a package.json script: the dependencies come from an install, here or elsewhere. */
        @Override
        boolean downloads(String command) {
            return installs(command);
        }

        @Override
        Optional<String> prefetch(String command, Set<String> manifests) {
            if (manifests.contains("pnpm-lock.yaml")) {
                return Optional.of("pnpm install --frozen-lockfile");
            }
            if (manifests.contains("yarn.lock")) {
                return Optional.of("yarn install --frozen-lockfile");
            }
            boolean locked = manifests.contains("package-lock.json") || manifests.contains("npm-shrinkwrap.json");
            return Optional.of(locked ? "npm ci" : "npm install");
        }
    },
    PIP(
            "requirements[\\w.-]*\\.txt",
            null,
            List.of(),
            "pip3?",
            "install(?=[^;&|\\n]*\\s(?:-r|--requirement)[\\s=])",
            null) {
        /** pip reads only the requirement files the command names. */
        @Override
        boolean needs(String manifest, String command) {
            return command.contains(manifest);
        }
    },
    GO("go\\.mod|go\\.sum", null, List.of(), "go", "mod\\s+download", "build|install") {
        @Override
        Optional<String> prefetch(String command, Set<String> manifests) {
            return Optional.of("go mod download");
        }
    };

    /** The Maven wrapper's own files, which only mvnw reads. */
    private static final String WRAPPER_DIRECTORY = ".mvn/wrapper/";

    /** Directories of build output and downloads: a manifest below them is not part of the project. */
    private static final Set<String> OUTPUT_DIRECTORIES = Set.of("target", "build", "node_modules", ".git");

    private final Pattern rootFiles;
    private final Pattern nestedFiles;
    private final List<String> rootDirectories;
    private final Pattern tool;
    private final Pattern install;
    private final Pattern build;
    private final Pattern runs;

    /**
     * @param rootFiles names of manifest files in the project directory
     * @param nestedFiles names of manifest files in its subdirectories (modules), or null
     * @param rootDirectories manifest directories in the project directory
     * @param tool the command word, which the install and build patterns follow in one shell command
     * @param install what follows the tool word in an install, or null
     * @param build what follows the tool word in a build, or null
     */
    Ecosystem(
            String rootFiles,
            String nestedFiles,
            List<String> rootDirectories,
            String tool,
            String install,
            String build) {
        this.rootFiles = Pattern.compile(rootFiles);
        this.nestedFiles = nestedFiles == null ? null : Pattern.compile(nestedFiles);
        this.rootDirectories = rootDirectories;
        this.tool = Pattern.compile("(?:^|(?<=[\\s;&|(]))(" + tool + ")(?=\\s|$)");
        this.install = commandPattern(tool, install);
        this.build = commandPattern(tool, build);
        this.runs = commandPattern(tool, "\\S+");
    }

    /** The tool word, then any words, then the arguments as a word of their own, all in one shell command. */
    private static Pattern commandPattern(String tool, String arguments) {
        return arguments == null
                ? null
                : Pattern.compile(
                        "(?:^|(?<=[\\s;&|(]))(?:" + tool + ")\\s(?:[^;&|\\n]*\\s)?(?:" + arguments + ")(?![\\w:-])");
    }

    /** True when the command runs this ecosystem's tool with some task or option. */
    boolean runsTool(String command) {
        return runs.matcher(command).find();
    }

    boolean installs(String command) {
        return install != null && install.matcher(command).find();
    }

    boolean builds(String command) {
        return build != null && build.matcher(command).find();
    }

    /** True when the command downloads this ecosystem's dependencies, as an install or as part of a build. */
    boolean downloads(String command) {
        return installs(command) || builds(command);
    }

    /** The command that downloads the dependencies of a build without building, when there is one. */
    Optional<String> prefetch(String command, Set<String> manifests) {
        return Optional.empty();
    }

    /** Whether {@code command} reads that manifest; most tools read all of them. */
    boolean needs(String manifest, String command) {
        return true;
    }

    /** The tool as the command spells it ({@code ./mvnw} or {@code mvn}). */
    Optional<String> tool(String command) {
        Matcher matcher = tool.matcher(command);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** True for a manifest file in the project directory, which tells where the project is. */
    boolean isRootManifestName(String fileName) {
        return rootFiles.matcher(fileName).matches();
    }

    /** True when the file (relative to the project directory) is a manifest or inside a manifest directory. */
    boolean isManifest(String file) {
        return !manifests(List.of(file)).isEmpty();
    }

    /**
     * The manifests among {@code files} (regular files relative to the project directory), sorted: files,
     * and manifest directories as {@code dir/}.
     */
    Set<String> manifests(Collection<String> files) {
        Set<String> manifests = new TreeSet<>();
        for (String file : files) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            boolean nested = file.contains("/");
            if (!nested && rootFiles.matcher(name).matches()) {
                manifests.add(file);
            } else if (nested
                    && nestedFiles != null
                    && nestedFiles.matcher(name).matches()
                    && !inOutput(file)) {
                manifests.add(file);
            }
            rootDirectories.stream().filter(dir -> file.startsWith(dir + "/")).forEach(dir -> manifests.add(dir + "/"));
        }
        return manifests;
    }

    private static boolean inOutput(String file) {
        for (String part : file.split("/")) {
            if (OUTPUT_DIRECTORIES.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
