package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.dockerfile.BuildKitVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrebuiltJarRuleTest {
    @TempDir
    Path dir;

    private Project fatJar(byte[] jar) {
        return new Project(dir)
                .file("pom.xml", "<project/>\n")
                .file("target/demo-0.0.1-SNAPSHOT.jar", jar)
                .dockerfile(
                        "FROM eclipse-temurin:21-jre",
                        "COPY target/*.jar app.jar",
                        "EXPOSE 8080",
                        "ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\", \"-jar\", \"/app.jar\"]");
    }

    @Test
    void aSpringBootJarFromBoot33IsSplitWithTheToolsJarMode() throws Exception {
        List<Finding> findings = fatJar(TestJars.springBoot(
                                "3.4.1",
                                true,
                                "spring-core-6.2.1.jar",
                                "spring-boot-3.4.1.jar",
                                "demo-lib-0.0.1-SNAPSHOT.jar")
                        .bytes())
                .findings("DC105");
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("Dockerfile:2", finding.location());
        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(
                finding.message()
                        .startsWith("COPY target/*.jar app.jar at line 2 copies the application as a Spring"
                                + " Boot 3.4.1 jar: any change to the application makes a new layer of all "),
                finding.message());
        assertTrue(
                finding.message()
                        .endsWith(" of it, though the dependencies' 19.5 KiB (62%) would stay cached in a layered"
                                + " image"),
                finding.message());
        assertEquals("""
                use this Dockerfile, with Spring Boot's layers extracted in a stage of their own with jarmode=tools \
                (Spring Boot 3.3 and later), the dependencies in a layer of their own:
                  FROM eclipse-temurin:21-jre AS layers
                  WORKDIR /layers
                  COPY target/*.jar application.jar
                  RUN ["java", "-Djarmode=tools", "-jar", "application.jar", "extract", "--layers", "--launcher", \
                "--destination", "extracted"]
                 \s
                  FROM eclipse-temurin:21-jre
                  COPY --from=layers /layers/extracted/dependencies/ /application/
                  COPY --from=layers /layers/extracted/spring-boot-loader/ /application/
                  COPY --from=layers /layers/extracted/snapshot-dependencies/ /application/
                  COPY --from=layers /layers/extracted/application/ /application/
                  EXPOSE 8080
                  ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/application", \
                "org.springframework.boot.loader.launch.JarLauncher"]""", finding.fix());
    }

    @Test
    void beforeBoot33TheLayertoolsJarModeAndBefore32TheOldLauncher() throws Exception {
        Finding boot27 = fatJar(TestJars.springBoot("2.7.18", true, "spring-core-5.3.31.jar")
                        .bytes())
                .findings("DC105")
                .get(0);
        assertTrue(
                boot27.fix()
                        .contains("RUN [\"java\", \"-Djarmode=layertools\", \"-jar\", \"application.jar\", \"extract\","
                                + " \"--destination\", \"extracted\"]"),
                boot27.fix());
        assertTrue(
                boot27.fix().contains("\"-cp\", \"/application\", \"org.springframework.boot.loader.JarLauncher\""),
                boot27.fix());
        Finding boot32 = fatJar(TestJars.springBoot("3.2.12", true, "spring-core-6.1.15.jar")
                        .bytes())
                .findings("DC105")
                .get(0);
        assertTrue(boot32.fix().contains("-Djarmode=layertools"), boot32.fix());
        assertTrue(boot32.fix().contains("org.springframework.boot.loader.launch.JarLauncher"), boot32.fix());
    }

    @Test
    void aJarWithoutLayerIndexIsUnpackedBeforeTheBuild() throws Exception {
        Finding finding = fatJar(TestJars.springBoot("2.0.3.RELEASE", false, "spring-core-5.0.7.RELEASE.jar")
                        .bytes())
                .findings("DC105")
                .get(0);
        assertEquals(
                List.of(new Edit.Prerequisite("unpack the jar before docker build, as Spring's \"Spring Boot with"
                        + " Docker\" guide does: mkdir -p target/dependency && (cd target/dependency && jar -xf"
                        + " ../demo-0.0.1-SNAPSHOT.jar)")),
                finding.edits().subList(0, 1));
        assertTrue(
                finding.fix()
                        .contains(String.join(
                                "\n  ",
                                "",
                                "COPY target/dependency/BOOT-INF/lib /application/lib",
                                "COPY target/dependency/META-INF /application/META-INF",
                                "COPY target/dependency/BOOT-INF/classes /application",
                                "")),
                finding.fix());
        assertTrue(
                finding.fix().contains("\"-cp\", \"/application:/application/lib/*\", \"com.example.App\""),
                finding.fix());
    }

    @Test
    void aJarBuiltInAStageIsKnownFromThePom() throws Exception {
        List<Finding> findings = new Project(dir)
                .file("pom.xml", """
                        <project>
                          <parent>
                            <groupId>org.springframework.boot</groupId>
                            <artifactId>spring-boot-starter-parent</artifactId>
                            <version>3.3.5</version>
                          </parent>
                          <build><plugins><plugin>
                            <groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId>
                          </plugin></plugins></build>
                        </project>
                        """)
                .file("src/main/java/App.java", "class App {}\n")
                .dockerfile(
                        "FROM maven:3.9.9-eclipse-temurin-21 AS build",
                        "WORKDIR /workspace",
                        "COPY pom.xml .",
                        "RUN mvn -B dependency:go-offline",
                        "COPY src src",
                        "RUN mvn -B package",
                        "FROM eclipse-temurin:21-jre",
                        "WORKDIR /app",
                        "COPY --from=build /workspace/target/*.jar app.jar",
                        "ENTRYPOINT [\"java\", \"-jar\", \"app.jar\"]")
                .findings("DC105");
        assertEquals(1, findings.size());
        assertTrue(
                findings.get(0)
                        .message()
                        .endsWith("makes a new layer of all of it, dependencies included, which a layered"
                                + " image keeps cached"),
                findings.get(0).message());
        assertTrue(findings.get(0).fix().contains("""
                  FROM eclipse-temurin:21-jre AS layers
                  WORKDIR /layers
                  COPY --from=build /workspace/target/*.jar application.jar
                  RUN ["java", "-Djarmode=tools", "-jar", "application.jar", "extract", "--layers", "--launcher", \
                "--destination", "extracted"]
                 \s
                  FROM eclipse-temurin:21-jre
                  WORKDIR /app
                  COPY --from=layers /layers/extracted/dependencies/ /app/
                """), findings.get(0).fix());
        assertTrue(
                findings.get(0)
                        .fix()
                        .endsWith("ENTRYPOINT [\"java\", \"-cp\", \"/app\","
                                + " \"org.springframework.boot.loader.launch.JarLauncher\"]"),
                findings.get(0).fix());
    }

    @Test
    void aQuarkusRunnerJarIsCopiedAsTheFastJarDirectories() throws Exception {
        Project project = new Project(dir)
                .file("pom.xml", "<project/>\n")
                .file(
                        "target/app-1.0-runner.jar",
                        new TestJars()
                                .manifest("Main-Class: io.quarkus.runner.GeneratedMain")
                                .entry("io/quarkus/runtime/Application.class", 5000)
                                .bytes())
                .file("target/quarkus-app/quarkus-run.jar", "jar\n")
                .file("target/quarkus-app/lib/main/io.quarkus.quarkus-core.jar", 30_000)
                .file("target/quarkus-app/app/app-1.0.jar", 2_000)
                .file("target/quarkus-app/quarkus/generated-bytecode.jar", 1_000)
                .dockerfile(
                        "FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:1.24",
                        "COPY --chown=185 target/*-runner.jar /deployments/app.jar",
                        "ENTRYPOINT [\"java\", \"-jar\", \"/deployments/app.jar\"]");
        Finding finding = project.findings("DC105").get(0);
        assertTrue(
                finding.message()
                        .endsWith("makes a new layer of all 32.2 KiB of it, though the dependencies' 29.3 KiB"
                                + " (91%) would stay cached in a layered image"),
                finding.message());
        assertTrue(
                finding.fix()
                        .endsWith(String.join(
                                "\n  ",
                                "",
                                "COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/",
                                "COPY --chown=185 target/quarkus-app/*.jar /deployments/",
                                "COPY --chown=185 target/quarkus-app/app/ /deployments/app/",
                                "COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/",
                                "ENTRYPOINT [\"java\", \"-jar\", \"/deployments/quarkus-run.jar\"]")),
                finding.fix());
        Files.delete(dir.resolve("target/quarkus-app/quarkus-run.jar"));
        Finding unbuilt = project.findings("DC105").get(0);
        assertTrue(
                unbuilt.fix()
                        .startsWith("first package the fast-jar (quarkus.package.jar.type=fast-jar, Quarkus's"
                                + " default) instead of the runner jar, so that the build writes target/quarkus-app/; then use this"
                                + " Dockerfile"),
                unbuilt.fix());
    }

    @Test
    void aShadedJarGetsItsDependenciesBesideIt() throws Exception {
        Finding finding = new Project(dir)
                .file("pom.xml", "<project/>\n")
                .file(
                        "target/tool.jar",
                        new TestJars()
                                .manifest("Main-Class: com.example.Main")
                                .text("META-INF/maven/com.example/tool/pom.properties", "version=1\n")
                                .text("META-INF/maven/com.google.guava/guava/pom.properties", "version=33\n")
                                .entry("com/google/common/base/Strings.class", 3000)
                                .bytes())
                .dockerfile(
                        "FROM eclipse-temurin:21-jre",
                        "COPY target/tool.jar /opt/tool/tool.jar",
                        "CMD java -jar /opt/tool/tool.jar")
                .findings("DC105")
                .get(0);
        assertTrue(
                finding.fix()
                        .startsWith(
                                "first have the Maven build copy the dependencies (maven-dependency-plugin's"
                                        + " copy-dependencies goal, which writes them to target/dependency/) and package the jar without them"),
                finding.fix());
        assertTrue(
                finding.fix()
                        .endsWith(String.join(
                                "\n  ",
                                "",
                                "COPY target/dependency/ /opt/tool/lib/",
                                "COPY target/tool.jar /opt/tool/tool.jar",
                                "CMD java -cp /opt/tool/tool.jar:/opt/tool/lib/* com.example.Main")),
                finding.fix());
    }

    @Test
    void nothingWhenTheImageIsLayeredOrTheJarIsNotKnown() throws Exception {
        byte[] boot =
                TestJars.springBoot("3.4.1", true, "spring-core-6.2.1.jar").bytes();
        Project project = new Project(dir).file("pom.xml", "<project/>\n").file("target/app.jar", boot);
        // already split: a library directory next to the jar
        assertEquals(
                List.of(),
                project.file("target/lib/a.jar", "jar\n")
                        .dockerfile(
                                "FROM eclipse-temurin:21-jre",
                                "COPY target/lib /app/lib",
                                "COPY target/app.jar /app/app.jar",
                                "ENTRYPOINT [\"java\", \"-cp\", \"/app/app.jar:/app/lib/*\", \"com.example.App\"]")
                        .findings("DC105"));
        // not run with java -jar
        assertEquals(
                List.of(),
                project.dockerfile(
                                "FROM eclipse-temurin:21-jre",
                                "COPY target/app.jar /app.jar",
                                "ENTRYPOINT [\"/run.sh\"]")
                        .findings("DC105"));
        // a thin jar with a Class-Path
        assertEquals(
                List.of(),
                project.file(
                                "target/app.jar",
                                new TestJars()
                                        .manifest("Main-Class: a.Main", "Class-Path: lib/x.jar")
                                        .bytes())
                        .dockerfile(
                                "FROM eclipse-temurin:21-jre",
                                "COPY target/app.jar /app.jar",
                                "ENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]")
                        .findings("DC105"));
        // from a stage of a project whose pom names no framework the rule knows
        assertEquals(
                List.of(),
                project.dockerfile(
                                "FROM maven:3.9.9-eclipse-temurin-21 AS build",
                                "RUN mvn -v",
                                "FROM eclipse-temurin:21-jre",
                                "COPY --from=build /target/app.jar /app.jar",
                                "ENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]")
                        .findings("DC105"));
    }

    @Test
    void theRewriteMustBuildOnTheBuildsBuildKit() throws Exception {
        // nothing the extraction stage uses is new to BuildKit 0.13 (Docker 26), so the fix is given there too
        List<Finding> findings = fatJar(TestJars.springBoot("3.4.1", true, "spring-core-6.2.1.jar")
                        .bytes())
                .buildkit(BuildKitVersion.OLDEST)
                .findings("DC105");
        assertEquals(1, findings.size());
    }
}
