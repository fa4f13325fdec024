package io.github.dockercache.context;

import java.util.List;

/**
 * The entries one COPY/ADD source (or bind-mount source) selects, and their aggregate checksum.
 *
 * @param source the source as given (already expanded)
 * @param checksum the aggregate checksum BuildKit computes for this source (cache-model §3.4)
 * @param entries every selected entry (directories, files, links), in path order
 */
public record Selection(String source, String checksum, List<FileEntry> entries) {}
