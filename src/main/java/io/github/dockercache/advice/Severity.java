package io.github.dockercache.advice;

/** How much a finding matters: a warning costs cache on ordinary edits, info only in some builds. */
public enum Severity {
    INFO,
    WARNING
}
