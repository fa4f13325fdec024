package io.github.dockercache.store;

import io.github.dockercache.model.Snapshot;

/** Snapshots as format version 1 wrote them (every context entry a JSON object), which the store still reads. */
public final class PlainSnapshots {
    private PlainSnapshots() {}

    public static String plain(Snapshot s) {
        Snapshot versionOne = new Snapshot(
                s.format(),
                Snapshot.PLAIN_VERSION,
                s.dockerfile(),
                s.target(),
                s.buildArgs(),
                s.steps(),
                s.files(),
                s.warnings(),
                s.history(),
                s.builder(),
                s.stages(),
                s.dependencies());
        return FlatStep.binding()
                        .setPrettyPrinting()
                        .disableHtmlEscaping()
                        .create()
                        .toJson(versionOne) + "\n";
    }
}
