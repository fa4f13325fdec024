package io.github.dockercache.advice;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.ImageDigests;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScratchPrint {
    @Test
    void print() throws Exception {
        for (RealProjects.Build build : RealProjects.all()) {
            for (Builder builder : Builder.values()) {
                Path context = build.context();
                BuildSettings s = new BuildSettings(context, context.resolve(build.dockerfile()).normalize(), build.buildArgs(), null, ClientPlatform.LINUX, null, builder);
                try {
                    Analysis a = CacheModel.analyse(s, null, ScanProgress.NONE, ImageDigests.NONE);
                    System.out.println("=== " + build + " " + builder);
                    Advisor.advise(a, s, build.outputDirectory() == null ? null : context.resolve(build.outputDirectory()), Set.of()).forEach(System.out::println);
                } catch (Exception e) {
                    System.out.println("=== " + build + " " + builder + " FAILED " + e.getMessage());
                }
            }
        }
    }
}
