package io.github.dockercache.model;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one input of a step's key ({@link StepReadSet#inputs}), by kind: what kinds of input exist, and what
 * each means for the key, the optimistic key and the explanations.
 *
 * <ul>
 *   <li>{@link Variable} {@code env:NAME}: a variable of the step's environment, from ENV or ARG (a build arg).
 *   <li>{@link Heredoc} {@code heredoc[1]}: a here-document of a RUN, as written.
 *   <li>{@link Source} {@code src[0]}, {@code src[0].checksum}, {@code mount[1].cache-name}: one COPY/ADD source or
 *       one RUN mount, or a part of what it reads.
 *   <li>{@link Field} {@code command}, {@code workdir}, {@code dest}, {@code digest}...: any other named input.
 *   <li>{@link Upstream} {@code upstream:platform}, {@code upstream:src[0].stage-key}: keyed, but its value is not
 *       known offline (another stage's key, a download, the image base's WORKDIR, a FROM's written platform), so the
 *       optimistic key leaves it out.
 *   <li>{@link Unkeyed} {@code unkeyed:digest}, {@code unkeyed:src[0].stage}: keys nothing; recorded to explain a
 *       change of the keyed inputs and to reuse offline (a FROM's digest and image configuration).
 * </ul>
 *
 * <p>Snapshots store the names as text, and a key hashes the inputs in the order of their text: {@link #parse} and
 * {@link #toString} give back the text byte for byte, whatever it is (a name of no kind above is a {@link Field}), so a
 * baseline of any version reads and compares as it was written.
 */
public sealed interface InputName {
    /** A FROM's image reference, normalised; also the part naming the image a COPY --from or a mount reads. */
    Field IMAGE = new Field("image");
    /** A FROM's input: the digest its tag stands for, keyed when the layers are not known. */
    Field DIGEST = new Field("digest");
    /** A FROM's input: the ChainID of the image's layers, BuildKit's second key for an image (cache-model §2). */
    Field LAYERS = new Field("layers");
    /** A FROM's digest where the layers key it. */
    InputName RECORDED_DIGEST = new Unkeyed(DIGEST);
    /** A FROM's image configuration ({@link BaseImage.Config} as JSON), where it was read. */
    InputName RECORDED_CONFIG = unkeyed("config");
    /** A FROM's written {@code --platform}: whether it is the builder's default is not known offline (cache-model §2). */
    InputName PLATFORM = upstream("platform");
    /**
     * A step whose working directory (or relative COPY destination) is the image base's own WORKDIR, unknown offline:
     * the optimistic key assumes the image sets none, so BuildKit works in "/" (cache-model §6).
     */
    InputName IMAGE_WORKDIR = upstream("image-workdir");

    /** The input {@code field} whose value is not known offline: {@code upstream:field}. */
    static InputName upstream(String field) {
        return new Upstream(new Field(field));
    }

    /** The input {@code field} recorded but keying nothing: {@code unkeyed:field}. */
    static InputName unkeyed(String field) {
        return new Unkeyed(new Field(field));
    }

    /** The name {@code text} names, of the first kind whose form it has. */
    static InputName parse(String text) {
        if (text.startsWith(Upstream.MARK)) {
            return new Upstream(parse(text.substring(Upstream.MARK.length())));
        }
        if (text.startsWith(Unkeyed.MARK)) {
            return new Unkeyed(parse(text.substring(Unkeyed.MARK.length())));
        }
        if (text.startsWith(Variable.MARK)) {
            return new Variable(text.substring(Variable.MARK.length()));
        }
        Matcher heredoc = Heredoc.FORM.matcher(text);
        if (heredoc.matches()) {
            return new Heredoc(Integer.parseInt(heredoc.group(1)));
        }
        Matcher source = Source.FORM.matcher(text);
        if (source.matches()) {
            Source.Kind kind = source.group(1).equals(Source.Kind.MOUNT.word) ? Source.Kind.MOUNT : Source.Kind.COPY;
            return new Source(kind, Integer.parseInt(source.group(2)), source.group(3));
        }
        return new Field(text);
    }

    /** The name as snapshots store it. */
    @Override
    String toString();

    /** The input with its value, as a step's inputs list it. */
    default Map.Entry<String, String> entry(String value) {
        return Map.entry(toString(), value);
    }

    /** Whether the input enters the step's key: all but {@link Unkeyed}. */
    default boolean keyed() {
        return !(this instanceof Unkeyed);
    }

    /** Whether the optimistic key, computed as if every input unknown offline were unchanged, holds the input. */
    default boolean optimistic() {
        return keyed() && !(this instanceof Upstream);
    }

    /**
     * Whether no expansion of the instruction's own words makes the value, so that an instruction expanding a secret
     * does not make it secret (its variables, working directory and user are secret through the stage's state).
     */
    boolean expansionFree();

    /** The name without its {@link Upstream} or {@link Unkeyed} mark. */
    default InputName bare() {
        return this;
    }

    /**
     * The name of this input of a source's content ({@code checksum}, {@code upstream:stage-key}) as an input of the
     * step: {@code src[0].checksum}, {@code upstream:src[0].stage-key} (the mark stays in front).
     */
    default InputName within(Source source) {
        return source.part(toString());
    }

    /** A variable of the step's environment: {@code env:NAME}. */
    record Variable(String variable) implements InputName {
        static final String MARK = "env:";

        @Override
        public String toString() {
            return MARK + variable;
        }

        @Override
        public boolean expansionFree() {
            return true;
        }
    }

    /** A here-document of a RUN, as written: {@code heredoc[0]}. */
    record Heredoc(int index) implements InputName {
        /** Only the index's own spelling, so that the text comes back as it was. */
        private static final Pattern FORM = Pattern.compile("heredoc\\[(0|[1-9]\\d{0,8})]");

        @Override
        public String toString() {
            return "heredoc[" + index + "]";
        }

        @Override
        public boolean expansionFree() {
            return true;
        }
    }

    /**
     * One COPY/ADD source ({@code src[0]}) or RUN mount ({@code mount[1]}), in the order keyed, or with {@code part}
     * one input of what it reads ({@code src[0].checksum}).
     *
     * @param part null for the source itself
     */
    record Source(Kind kind, int index, String part) implements InputName {
        /** The checksum of the files a source reads from the context (or a remote file's --checksum). */
        public static final String CHECKSUM = "checksum";
        /** The digest of a COPY here-document's body. */
        public static final String CONTENT = "content";
        /**
         * The stage a source reads, unkeyed: BuildKit keys the stage's content, never its name; earlier versions keyed
         * it (see {@link EarlierKeys#isStageName}).
         */
        public static final String STAGE = "stage";
        /** The key of the stage a source reads, upstream: the stage's RUN outputs are not known offline. */
        public static final String STAGE_KEY = "stage-key";
        /** The digest of a Spring Boot layer a source reads from a stage that extracts the jar ({@link BootExtraction}). */
        public static final String LAYER_CONTENT = "layer-content";
        /** The key of that extraction, upstream. */
        public static final String EXTRACTION = "extraction";
        /** The cache name BuildKit keys for a cache mount, or {@link FrontendArgs#NOT_KEYED}. */
        public static final String CACHE_NAME = "cache-name";
        /** A cache mount's id and sharing as written, unkeyed: they say why the {@link #CACHE_NAME} changed. */
        public static final String CACHE_SETTINGS = "cache";
        /** The parts naming where a COPY/ADD source is not the context or a stage: another image, a download. */
        private static final Set<String> OTHER_ORIGINS = Set.of(IMAGE.name(), "url", "git");

        /** Only the index's own spelling, so that the text comes back as it was. */
        private static final Pattern FORM =
                Pattern.compile("(src|mount)\\[(0|[1-9]\\d{0,8})](?:\\.(.*))?", Pattern.DOTALL);

        /** What a source is: a COPY/ADD source or a RUN mount. */
        public enum Kind {
            COPY("src"),
            MOUNT("mount");

            private final String word;

            Kind(String word) {
                this.word = word;
            }
        }

        /** The {@code index}-th source of a COPY or ADD. */
        public static Source copy(int index) {
            return new Source(Kind.COPY, index, null);
        }

        /** The {@code index}-th mount of a RUN, in the order keyed. */
        public static Source mount(int index) {
            return new Source(Kind.MOUNT, index, null);
        }

        /** The input {@code part} of this source: {@code src[0].checksum}. */
        public Source part(String part) {
            return new Source(kind, index, part);
        }

        /** The source itself, without the part. */
        public Source whole() {
            return new Source(kind, index, null);
        }

        /** Whether this is the input {@code part} of a source. */
        public boolean is(String part) {
            return part.equals(this.part);
        }

        /** Whether this input names a COPY/ADD source that is another image or a download. */
        public boolean readsOtherOrigin() {
            return kind == Kind.COPY && part != null && OTHER_ORIGINS.contains(part);
        }

        @Override
        public String toString() {
            return kind.word + "[" + index + "]" + (part == null ? "" : "." + part);
        }

        @Override
        public boolean expansionFree() {
            return CHECKSUM.equals(part);
        }
    }

    /** Any other named input of a step: {@code command}, {@code workdir}, {@code dest}, {@code image}... */
    record Field(String name) implements InputName {
        /** The inputs no expansion of their instruction makes: a RUN's own words, flags and stamps. */
        private static final Set<String> EXPANSION_FREE =
                Set.of("env-order", "workdir", "user", "owner", "command", "network", "security", "unpack", "created");

        @Override
        public String toString() {
            return name;
        }

        @Override
        public boolean expansionFree() {
            return EXPANSION_FREE.contains(name);
        }
    }

    /** A name with a mark in front that says how the key takes it: {@link Upstream} or {@link Unkeyed}. */
    sealed interface Marked extends InputName {
        /** The name marked. */
        InputName name();

        /** The same mark on {@code other}. */
        Marked on(InputName other);

        @Override
        default InputName bare() {
            return name().bare();
        }

        @Override
        default InputName within(Source source) {
            return on(name().within(source));
        }

        /**
         * An upstream input is made by no expansion (another stage's key, a download's checksum, the image's WORKDIR); an
         * unkeyed one may be (the stage a mount names, the image FROM names, a cache mount's id), so it is masked with
         * the instruction.
         */
        @Override
        default boolean expansionFree() {
            return this instanceof Upstream;
        }
    }

    /** A keyed input whose value is not known offline: the optimistic key leaves it out. */
    record Upstream(InputName name) implements Marked {
        static final String MARK = "upstream:";

        @Override
        public String toString() {
            return MARK + name;
        }

        @Override
        public Marked on(InputName other) {
            return new Upstream(other);
        }
    }

    /** An input recorded for explanations and offline reuse, keying nothing. */
    record Unkeyed(InputName name) implements Marked {
        static final String MARK = "unkeyed:";

        @Override
        public String toString() {
            return MARK + name;
        }

        @Override
        public Marked on(InputName other) {
            return new Unkeyed(other);
        }
    }
}
