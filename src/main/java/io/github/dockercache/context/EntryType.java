package io.github.dockercache.context;

/** File types as the tar header typeflag BuildKit hashes (cache-model §3.3). */
public enum EntryType {
    FILE('0'),
    SYMLINK('2'),
    CHAR_DEVICE('3'),
    BLOCK_DEVICE('4'),
    DIRECTORY('5'),
    FIFO('6');

    private final char typeflag;

    EntryType(char typeflag) {
        this.typeflag = typeflag;
    }

    public char typeflag() {
        return typeflag;
    }
}
