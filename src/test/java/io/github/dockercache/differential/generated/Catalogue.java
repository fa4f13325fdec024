package io.github.dockercache.differential.generated;

import io.github.dockercache.differential.generated.Pair.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The edits the exploration asks the engines about, generated from families: a family is a block template with one
 * slot ({@code @}) and a list of values for it, each value in an equivalence class of the author's expectation; every
 * two values of a family (of a large family, fewer: {@link #ALL_PAIRS_UP_TO}) make one pair ({@link Kind#EQUIVALENT} within a class, {@link Kind#CHANGE} across). Context
 * families keep the block and edit the files instead. The classes are a guess that the matrix checks, never an
 * expected answer: the engines decide.
 */
public final class Catalogue {
    private static final String SLOT = "@";
    /**
     * A family of more values pairs each with the first and with the next only: every value is still asked about, at
     * a fraction of the builds (25 values: 47 pairs instead of 300).
     */
    private static final int ALL_PAIRS_UP_TO = 12;

    private static final String USERS =
            "RUN echo 'app:x:1000:1000::/:/bin/sh' >> /etc/passwd && echo 'app:x:1000:' >> /etc/group";

    /** A value of an ignore family: no {@code .dockerignore} at all. */
    private static final String NO_FILE = null;

    private final List<Pair> pairs = new ArrayList<>();

    private Catalogue() {}

    /** Every pair, in a stable order. */
    public static List<Pair> all() {
        Catalogue catalogue = new Catalogue();
        catalogue.run();
        catalogue.copyAndAdd();
        catalogue.stageState();
        catalogue.stages();
        catalogue.text();
        catalogue.context();
        catalogue.directives();
        catalogue.globalArgs();
        catalogue.dockerignore();
        catalogue.wholeContext();
        return Collections.unmodifiableList(catalogue.pairs);
    }

    /** A value of a slot; values with the same {@code equivalence} are expected to give the same key. */
    record Value(String equivalence, String text) {}

    /**
     * {@code "=name"} starts an equivalence class; the other strings are its values ({@link #NO_FILE} in an ignore
     * family: no {@code .dockerignore}).
     */
    private static List<Value> values(String... classesAndTexts) {
        List<Value> values = new ArrayList<>();
        String equivalence = null;
        for (String text : classesAndTexts) {
            if (text != null && text.startsWith("=")) {
                equivalence = text.substring(1);
            } else {
                values.add(new Value(equivalence, text));
            }
        }
        return values;
    }

    private void family(String family, String instruction, String form, String template, List<Value> values) {
        requireSlot(family, template);
        pairUp(
                family,
                values,
                values.size() <= ALL_PAIRS_UP_TO,
                (id, edit, kind, from, to) -> new Pair(
                        id,
                        instruction,
                        form,
                        edit,
                        kind,
                        template.replace(SLOT, from),
                        template.replace(SLOT, to),
                        List.of()));
    }

    /** Makes the pair of two values of a family. */
    private interface PairOfValues {
        Pair make(String id, String edit, Kind kind, String from, String to);
    }

    /**
     * Every two values ({@code every}), else each value with the first and with the next; labelled by the values'
     * classes.
     */
    private void pairUp(String family, List<Value> values, boolean every, PairOfValues maker) {
        for (int i = 0; i < values.size(); i++) {
            for (int j = i + 1; j < values.size(); j++) {
                if (!every && i != 0 && j != i + 1) {
                    continue;
                }
                Value from = values.get(i);
                Value to = values.get(j);
                pairs.add(maker.make(
                        family + "-" + i + "-" + j,
                        show(from.text()) + " -> " + show(to.text()),
                        from.equivalence().equals(to.equivalence()) ? Kind.EQUIVALENT : Kind.CHANGE,
                        from.text(),
                        to.text()));
            }
        }
    }

    private static void requireSlot(String family, String template) {
        if (!template.contains(SLOT)) {
            throw new IllegalArgumentException(family + ": no slot");
        }
    }

    private static String show(String value) {
        if (value == null) {
            return "(no file)";
        }
        String shown = value.strip().replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        return shown.isEmpty() ? "(none)" : shown;
    }

    private void run() {
        String runBlock = "FROM {base} AS {s}\n@\nCOPY {d}/a /after";
        family(
                "run-text",
                "RUN",
                "shell/exec form, spacing",
                runBlock,
                values(
                        "=same",
                        "RUN echo a > /r",
                        "RUN  echo a > /r",
                        "RUN echo a > /r ",
                        "run echo a > /r",
                        "RUN\techo a > /r",
                        "RUN echo a \\\n> /r",
                        "# comment\nRUN echo a > /r",
                        "\nRUN echo a > /r",
                        "RUN [\"/bin/sh\",\"-c\",\"echo a > /r\"]",
                        "RUN [ \"/bin/sh\", \"-c\", \"echo a > /r\" ]",
                        "=comment",
                        "RUN echo a > /r # c",
                        "=inner-space",
                        "RUN echo a  > /r",
                        "=other",
                        "RUN echo b > /r",
                        "=sh",
                        "RUN [\"sh\",\"-c\",\"echo a > /r\"]",
                        "=quoted",
                        "RUN echo \"a\" > /r"));
        family(
                "run-network",
                "RUN",
                "--network",
                runBlock,
                values(
                        "=same",
                        "RUN echo n > /r",
                        "RUN --network=default echo n > /r",
                        "RUN --network=none echo n > /r",
                        "=upper",
                        "RUN --network=NONE echo n > /r"));
        family(
                "run-flag-order",
                "RUN",
                "flag order",
                runBlock,
                values(
                        "=same",
                        "RUN --network=none --mount=type=tmpfs,target=/t echo o > /r",
                        "RUN --mount=type=tmpfs,target=/t --network=none echo o > /r",
                        "RUN --mount=type=tmpfs,target=/t --mount=type=cache,target=/c echo o > /r",
                        "=two-mounts",
                        "RUN --mount=type=cache,target=/c --mount=type=tmpfs,target=/t echo o > /r"));
        String mount = "FROM {base} AS {s}\nRUN --mount=@ echo m > /r\nCOPY {d}/a /after";
        family(
                "run-mount-cache",
                "RUN",
                "--mount=type=cache",
                mount,
                values(
                        "=default",
                        "type=cache,target=/c",
                        "type=cache,target=/c/",
                        "type=cache,dst=/c",
                        "type=cache,destination=/c",
                        "target=/c,type=cache",
                        "type=cache,target=/c,sharing=shared",
                        "type=cache,target=/c,id=/c",
                        "type=cache,target=/c,mode=0755",
                        "type=cache,target=/c,mode=755",
                        "type=cache,target=/c,uid=0",
                        "type=cache,target=/c,gid=0",
                        "type=cache,target=/c,readonly=false",
                        "type=cache,target=/c,rw",
                        "type=cache,target=//c",
                        "type=cache,target=/c/.",
                        "=private",
                        "type=cache,target=/c,sharing=private",
                        "=locked",
                        "type=cache,target=/c,sharing=locked",
                        "=id",
                        "type=cache,target=/c,id=other",
                        "=target",
                        "type=cache,target=/d",
                        "=mode",
                        "type=cache,target=/c,mode=0700",
                        "=uid",
                        "type=cache,target=/c,uid=1",
                        "=gid",
                        "type=cache,target=/c,gid=1",
                        "=readonly",
                        "type=cache,target=/c,ro",
                        "type=cache,target=/c,readonly",
                        "type=cache,target=/c,readonly=true"));
        String bind = "FROM {base} AS {s}\nRUN --mount=@ ls -R /b /e > /r 2>&1; true\nCOPY {d}/a /after";
        family(
                "run-mount-bind",
                "RUN",
                "--mount=type=bind (context)",
                bind,
                values(
                        "=default",
                        "type=bind,source={d},target=/b",
                        "source={d},target=/b",
                        "type=bind,src={d},target=/b",
                        "type=bind,source={d}/,target=/b",
                        "type=bind,source=./{d},target=/b",
                        "type=bind,source={d},dst=/b",
                        "type=bind,source={d},target=/b,ro",
                        "type=bind,source={d},target=/b,readonly",
                        "type=bind,source={d},target=/b/",
                        "type=bind,source={d}/.,target=/b",
                        "type=bind,target=/b,source={d}",
                        "=rw",
                        "type=bind,source={d},target=/b,rw",
                        "type=bind,source={d},target=/b,readwrite=true",
                        "=source",
                        "type=bind,source={d}/dir,target=/b",
                        "=target",
                        "type=bind,source={d},target=/e"));
        String fromStage = "FROM {base} AS {s}-src\nRUN mkdir /m && echo s > /m/s\n"
                + "FROM {base} AS {s}\nRUN --mount=@ ls -R /m /n > /r 2>&1; true";
        family(
                "run-mount-from",
                "RUN",
                "--mount from=",
                fromStage,
                values(
                        "=default",
                        "type=bind,from={s}-src,target=/n",
                        "from={s}-src,target=/n",
                        "type=bind,from={i},target=/n",
                        "type=bind,from={s}-src,source=/,target=/n",
                        "type=bind,from={s}-src,source=.,target=/n",
                        "=source",
                        "type=bind,from={s}-src,source=/m,target=/n",
                        "type=bind,from={s}-src,source=m,target=/n",
                        "=cache",
                        "type=cache,from={s}-src,source=/m,target=/n"));
        family(
                "run-mount-tmpfs",
                "RUN",
                "--mount=type=tmpfs",
                mount,
                values(
                        "=default",
                        "type=tmpfs,target=/t",
                        "type=tmpfs,dst=/t",
                        "type=tmpfs,target=/t/",
                        "=size",
                        "type=tmpfs,target=/t,size=1m",
                        "type=tmpfs,target=/t,size=1048576",
                        "=size2",
                        "type=tmpfs,target=/t,size=2m",
                        "=target",
                        "type=tmpfs,target=/u"));
        family(
                "run-mount-secret",
                "RUN",
                "--mount=type=secret",
                mount,
                values(
                        "=default",
                        "type=secret,id=s",
                        "type=secret,id=s,target=/run/secrets/s",
                        "type=secret,id=s,required=false",
                        "type=secret,target=/run/secrets/s",
                        "type=secret,id=s,mode=0400",
                        "type=secret,id=s,uid=0",
                        "type=secret,id=s,gid=0",
                        "=id",
                        "type=secret,id=t",
                        "=target",
                        "type=secret,id=s,target=/x",
                        "=mode",
                        "type=secret,id=s,mode=0444",
                        "=uid",
                        "type=secret,id=s,uid=1"));
        family(
                "run-mount-ssh",
                "RUN",
                "--mount=type=ssh",
                mount,
                values(
                        "=default",
                        "type=ssh",
                        "type=ssh,id=default",
                        "type=ssh,required=false",
                        "type=ssh,mode=0600",
                        "=id",
                        "type=ssh,id=other",
                        "=target",
                        "type=ssh,target=/s",
                        "=mode",
                        "type=ssh,mode=0666"));
        family(
                "run-heredoc",
                "RUN",
                "heredoc",
                runBlock,
                values(
                        "=same",
                        "RUN <<EOF\necho a > /r\nEOF",
                        "RUN <<EOT\necho a > /r\nEOT",
                        "RUN <<\"EOF\"\necho a > /r\nEOF",
                        "RUN <<'EOF'\necho a > /r\nEOF",
                        "RUN <<-EOF\n\techo a > /r\nEOF",
                        "=shell",
                        "RUN echo a > /r",
                        "=shebang",
                        "RUN <<EOF\n#!/bin/sh\necho a > /r\nEOF",
                        "=blank",
                        "RUN <<EOF\necho a > /r\n\nEOF",
                        "=cat",
                        "RUN cat <<EOF > /r\na\nEOF"));
        family(
                "run-security",
                "RUN",
                "--security",
                runBlock,
                values("=same", "RUN echo s > /r", "=sandbox", "RUN --security=sandbox echo s > /r"));
    }

    private void copyAndAdd() {
        for (String instruction : List.of("COPY", "ADD")) {
            String lower = instruction.toLowerCase(Locale.ROOT);
            String file = "FROM {base} AS {s}\n" + instruction + " @{d}/a /f\nRUN ls -ln /f > /l";
            family(
                    lower + "-chmod",
                    instruction,
                    "--chmod",
                    file,
                    values(
                            "=none",
                            "",
                            "=644",
                            "--chmod=644 ",
                            "--chmod=0644 ",
                            "--chmod=00644 ",
                            "=755",
                            "--chmod=755 ",
                            "--chmod=0755 ",
                            "=symbolic",
                            "--chmod=u=rw,go=r "));
            String owned = "FROM {base} AS {s}\n" + USERS + "\n" + instruction + " @{d}/a /f\nRUN ls -ln /f > /l";
            family(
                    lower + "-chown",
                    instruction,
                    "--chown",
                    owned,
                    values(
                            "=none",
                            "",
                            "=root",
                            "--chown=0 ",
                            "--chown=root ",
                            "--chown=0:0 ",
                            "--chown=root:root ",
                            "--chown=root:0 ",
                            "--chown=00 ",
                            "=app",
                            "--chown=1000 ",
                            "--chown=app ",
                            "--chown=1000:1000 ",
                            "--chown=app:app ",
                            "--chown=1000:app ",
                            "--chown=01000 "));
            family(
                    lower + "-link",
                    instruction,
                    "--link",
                    file,
                    values("=none", "", "--link=false ", "=link", "--link ", "--link=true "));
            family(
                    lower + "-flag-order",
                    instruction,
                    "flag order",
                    owned,
                    values(
                            "=same",
                            "--chmod=644 --chown=0 --link ",
                            "--chown=0 --chmod=644 --link ",
                            "--link --chown=0 --chmod=644 ",
                            "--link --chmod=644 --chown=0 "));
            String sources = "FROM {base} AS {s}\n" + instruction + " @ /o/\nRUN ls -lnR /o > /l";
            family(
                    lower + "-sources",
                    instruction,
                    "source forms",
                    sources,
                    values(
                            "=a",
                            "{d}/a",
                            "./{d}/a",
                            "{d}//a",
                            "{d}/./a",
                            "{d}/dir/../a",
                            "{d}/[a]",
                            "{d}/a*",
                            "/{d}/a",
                            "=ab",
                            "{d}/?",
                            "{d}/a {d}/b",
                            "{d}/[ab]",
                            "=b",
                            "{d}/b",
                            "=dir",
                            "{d}/dir",
                            "{d}/dir/",
                            "{d}/dir/.",
                            "=dir-star",
                            "{d}/dir/*"));
            String destination = "FROM {base} AS {s}\n" + instruction + " {d}/a @\nRUN ls -lnR /o > /l";
            family(
                    lower + "-destination",
                    instruction,
                    "destination forms",
                    destination,
                    values(
                            "=oa",
                            "/o/a",
                            "/o//a",
                            "/o/./a",
                            "//o/a",
                            "/o/x/../a",
                            "/o/",
                            "o/a",
                            "o/",
                            "=ob",
                            "/o/b",
                            "=dir",
                            "/o/a/"));
            String directory = "FROM {base} AS {s}\n" + instruction + " @{d}/dir /o/\nRUN ls -lnR /o > /l";
            family(
                    lower + "-exclude",
                    instruction,
                    "--exclude",
                    directory,
                    values(
                            "=none",
                            "",
                            "=y",
                            "--exclude=y ",
                            "--exclude=*y ",
                            "=sub",
                            "--exclude=sub ",
                            "=both",
                            "--exclude=y --exclude=sub ",
                            "--exclude=sub --exclude=y "));
            family(
                    lower + "-parents",
                    instruction,
                    "--parents",
                    directory.replace("@{d}/dir", "@{d}/dir/x"),
                    values("=none", "", "--parents=false ", "=parents", "--parents ", "--parents=true "));
        }
        family(
                "copy-add-switch",
                "COPY",
                "COPY vs ADD",
                "FROM {base} AS {s}\n@ {d}/a /f\nRUN ls -ln /f > /l",
                values("=same", "COPY", "ADD", "copy"));
        family(
                "add-keep-git-dir",
                "ADD",
                "--keep-git-dir (local source)",
                "FROM {base} AS {s}\nADD @{d}/a /f\nRUN ls -ln /f > /l",
                values("=none", "", "=flag", "--keep-git-dir=true "));
        String fromStage =
                "FROM {base} AS {s}-src\nRUN echo s > /s\nFROM {base} AS {s}\nCOPY @ /s /f\nRUN ls -ln /f > /l";
        family(
                "copy-from-stage",
                "COPY",
                "--from stage",
                fromStage,
                values("=same", "--from={s}-src", "--from={i}", "--from={S}-SRC"));
        family(
                "copy-from-image",
                "COPY",
                "--from image",
                "FROM {base} AS {s}\nCOPY @ /bin/busybox /bb\nRUN ls -ln /bb > /l",
                values(
                        "=same",
                        "--from=dockercache-busybox:latest",
                        "--from=dockercache-busybox",
                        "--from=docker.io/library/dockercache-busybox:latest",
                        "--from=docker.io/library/dockercache-busybox"));
        pairs.add(new Pair(
                "copy-from-stage-renamed",
                "COPY",
                "--from stage",
                "source stage renamed",
                Kind.EQUIVALENT,
                fromStage.replace("@", "--from={s}-src"),
                fromStage.replace("{s}-src", "{s}-renamed").replace("@", "--from={s}-renamed"),
                List.of()));
    }

    private void stageState() {
        String workdir = "FROM {base} AS {s}\nENV W=/w\n@\nRUN pwd > /p\nCOPY {d}/a rel";
        family(
                "workdir",
                "WORKDIR",
                "path forms",
                workdir,
                values(
                        "=w",
                        "WORKDIR /w",
                        "WORKDIR /w/",
                        "WORKDIR /w/.",
                        "WORKDIR //w",
                        "WORKDIR /w/x/..",
                        "WORKDIR w",
                        "WORKDIR /./w",
                        "WORKDIR $W",
                        "WORKDIR ${W}",
                        "WORKDIR \"/w\"",
                        "workdir /w",
                        "WORKDIR /w\nWORKDIR .",
                        "WORKDIR /\nWORKDIR w",
                        "=upper",
                        "WORKDIR /W",
                        "=wv",
                        "WORKDIR /w/v",
                        "WORKDIR /w\nWORKDIR v"));
        String user = "FROM {base} AS {s}\n" + USERS + "\n@\nRUN id > /tmp/u\nWORKDIR /uw";
        family(
                "user",
                "USER",
                "user forms",
                user,
                values(
                        "=root",
                        "",
                        "USER root",
                        "USER 0",
                        "USER 0:0",
                        "USER root:root",
                        "USER root:0",
                        "user root",
                        "=app",
                        "USER 1000",
                        "USER app",
                        "USER 1000:1000",
                        "USER app:app",
                        "=app-root",
                        "USER 1000:0"));
        String env = "FROM {base} AS {s}\n@\nRUN echo $A$B > /e\nCOPY {d}/a /e2";
        family(
                "env",
                "ENV",
                "forms and order",
                env,
                values(
                        "=a1",
                        "ENV A=1",
                        "ENV A 1",
                        "ENV A=\"1\"",
                        "ENV A='1'",
                        "env A=1",
                        "ENV A=1\nENV A=1",
                        "ENV A=0\nENV A=1",
                        "=b-empty",
                        "ENV A=1 B=",
                        "=a1b2",
                        "ENV B=2 A=1",
                        "ENV A=1 B=2",
                        "ENV A=1\nENV B=2",
                        "ENV A=1 \\\n    B=2",
                        "=a2",
                        "ENV A=2"));
        for (String use : List.of("echo $A", "echo x")) {
            String arg = "FROM {base} AS {s}\n@\nRUN " + use + " > /a";
            family(
                    use.equals("echo x") ? "arg-unused" : "arg",
                    "ARG",
                    use.equals("echo x") ? "declared, unused" : "declared, used",
                    arg,
                    values(
                            "=unset",
                            "",
                            "ARG A",
                            "ARG HTTP_PROXY",
                            "=a1",
                            "ARG A=1",
                            "ARG A=\"1\"",
                            "ARG A=1\nARG A",
                            "ARG B=1\nARG A=$B",
                            "ARG A=1 B=1",
                            "=a2",
                            "ARG A=2",
                            "=targetplatform",
                            "ARG TARGETPLATFORM",
                            "=buildplatform",
                            "ARG BUILDPLATFORM",
                            "=targetos",
                            "ARG TARGETOS"));
        }
        String shell = "FROM {base} AS {s}\n@\nRUN echo s > /s";
        for (String form : List.of("shell", "exec")) {
            String block = form.equals("shell")
                    ? shell
                    : shell.replace("RUN echo s > /s", "RUN [\"/bin/sh\",\"-c\",\"echo s > /s\"]");
            family(
                    "shell-" + form,
                    "SHELL",
                    "followed by " + form + " form RUN",
                    block,
                    values(
                            "=default",
                            "",
                            "SHELL [\"/bin/sh\",\"-c\"]",
                            "SHELL [\"/bin/sh\", \"-c\"]",
                            "shell [\"/bin/sh\",\"-c\"]",
                            "=sh",
                            "SHELL [\"sh\",\"-c\"]",
                            "=ec",
                            "SHELL [\"/bin/sh\",\"-ec\"]",
                            "=e-c",
                            "SHELL [\"/bin/sh\",\"-e\",\"-c\"]"));
        }
    }

    private void stages() {
        family(
                "from",
                "FROM",
                "image and --platform forms",
                "@\nRUN echo f > /f",
                values(
                        "=same",
                        "FROM {base} AS {s}",
                        "FROM dockercache-busybox AS {s}",
                        "FROM docker.io/library/dockercache-busybox:latest AS {s}",
                        "from {base} as {s}",
                        "FROM {base} as {s}",
                        "FROM --platform=linux/amd64 {base} AS {s}",
                        "FROM --platform=$BUILDPLATFORM {base} AS {s}",
                        "FROM --platform=$TARGETPLATFORM {base} AS {s}",
                        "FROM   {base}   AS   {s}"));
        family(
                "onbuild",
                "ONBUILD",
                "trigger",
                "FROM {base} AS {s}-p\n@\nFROM {s}-p AS {s}\nRUN echo o > /o",
                values(
                        "=none",
                        "",
                        "=run",
                        "ONBUILD RUN echo t > /t",
                        "onbuild RUN echo t > /t",
                        "ONBUILD  RUN echo t > /t",
                        "ONBUILD run echo t > /t",
                        "=other",
                        "ONBUILD RUN echo u > /t",
                        "=copy",
                        "ONBUILD COPY {d}/a /t",
                        "=env",
                        "ONBUILD ENV T=1"));
        family(
                "metadata",
                "metadata",
                "LABEL/EXPOSE/CMD/ENTRYPOINT/STOPSIGNAL/HEALTHCHECK/VOLUME/MAINTAINER",
                "FROM {base} AS {s}\nRUN echo m > /m\n@\nRUN echo n > /n\nCOPY {d}/a /n2",
                values(
                        "=same",
                        "",
                        "LABEL a=b",
                        "LABEL a=\"b\"",
                        "LABEL a=c",
                        "EXPOSE 80",
                        "EXPOSE 80/tcp",
                        "EXPOSE 81",
                        "CMD [\"x\"]",
                        "CMD x",
                        "ENTRYPOINT [\"x\"]",
                        "STOPSIGNAL SIGTERM",
                        "HEALTHCHECK CMD true",
                        "HEALTHCHECK NONE",
                        "VOLUME /v",
                        "MAINTAINER me"));
    }

    private void text() {
        family(
                "layout",
                "text",
                "comments, blank lines, case, whitespace, line endings",
                "FROM {base} AS {s}\n@",
                values(
                        "=same",
                        "COPY {d}/a /c\nRUN echo c > /c2",
                        "COPY {d}/a /c\n# comment\nRUN echo c > /c2",
                        "COPY {d}/a /c\n\nRUN echo c > /c2",
                        "  COPY {d}/a /c\n\tRUN echo c > /c2",
                        "COPY {d}/a /c  \nRUN echo c > /c2",
                        "COPY {d}/a /c\r\nRUN echo c > /c2\r",
                        "copy {d}/a /c\nrun echo c > /c2",
                        "COPY {d}/a \\\n /c\nRUN echo c > /c2",
                        "COPY {d}/a /c\nRUN echo c \\\n# inner comment\n> /c2",
                        "=reordered",
                        "RUN echo c > /c2\nCOPY {d}/a /c"));
    }

    private void context() {
        List<String[]> blocks = List.of(
                new String[] {"COPY", "file", "COPY {d}/dir/x /c"},
                new String[] {"COPY", "directory", "COPY {d}/dir /c/"},
                new String[] {"ADD", "directory", "ADD {d}/dir /c/"},
                new String[] {"COPY", "wildcard", "COPY {d}/dir/* /c/"},
                new String[] {"COPY", "whole directory", "COPY {d}/ /c/"},
                new String[] {
                    "RUN", "--mount=type=bind", "RUN --mount=type=bind,source={d}/dir,target=/m ls -lR /m > /r"
                });
        record Edit(String name, Kind kind, List<ContextEdit> changes) {}
        List<Edit> edits = List.of(
                new Edit("touch", Kind.EQUIVALENT, List.of(ContextEdit.touch("dir/x"))),
                new Edit("same content rewritten", Kind.EQUIVALENT, List.of(ContextEdit.write("dir/x", "x\n"))),
                new Edit("content", Kind.CHANGE, List.of(ContextEdit.write("dir/x", "x2\n"))),
                new Edit("chmod 0755", Kind.CHANGE, List.of(ContextEdit.chmod("dir/x", "0755"))),
                new Edit("chmod 0600", Kind.CHANGE, List.of(ContextEdit.chmod("dir/x", "0600"))),
                new Edit("chmod 0664", Kind.CHANGE, List.of(ContextEdit.chmod("dir/x", "0664"))),
                new Edit("file added", Kind.CHANGE, List.of(ContextEdit.write("dir/new", "n\n"))),
                new Edit("name with a space added", Kind.CHANGE, List.of(ContextEdit.write("dir/s p", "n\n"))),
                new Edit("non-ASCII name added", Kind.CHANGE, List.of(ContextEdit.write("dir/\u00fc\u00df", "n\n"))),
                new Edit("file deleted", Kind.CHANGE, List.of(ContextEdit.delete("dir/y"))),
                new Edit("empty directory added", Kind.CHANGE, List.of(ContextEdit.mkdir("dir/empty"))),
                new Edit("symlink added", Kind.CHANGE, List.of(ContextEdit.symlink("dir/l", "x"))),
                new Edit("hardlink added", Kind.CHANGE, List.of(ContextEdit.hardlink("dir/h", "dir/y"))),
                new Edit("xattr set", Kind.CHANGE, List.of(ContextEdit.xattr("dir/x", "v"))),
                new Edit(
                        "renamed, same content",
                        Kind.CHANGE,
                        List.of(ContextEdit.delete("dir/y"), ContextEdit.write("dir/y2", "y\n"))),
                new Edit("directory mode 0700", Kind.CHANGE, List.of(ContextEdit.chmod("dir/sub", "0700"))),
                new Edit("unselected sibling changed", Kind.EQUIVALENT, List.of(ContextEdit.write("b", "b2\n"))));
        for (String[] block : blocks) {
            String text = "FROM {base} AS {s}\n" + block[2] + "\nRUN echo next > /next";
            for (int e = 0; e < edits.size(); e++) {
                Edit edit = edits.get(e);
                pairs.add(new Pair(
                        "context-" + block[0].toLowerCase(Locale.ROOT) + "-"
                                + block[1].replace(' ', '-').replace("--mount=type=", "") + "-" + e,
                        block[0],
                        "context: " + block[1],
                        edit.name(),
                        edit.kind(),
                        text,
                        text,
                        edit.changes()));
            }
        }
    }

    /**
     * A whole-file family ({@link Pair#wholeFile()}): the slot in the Dockerfile, the same {@code .dockerignore} (or
     * none) in both builds. Each value is paired with the first and the next only, as every pair costs a Dockerfile of
     * its own.
     */
    private void wholeFileFamily(
            String family, String instruction, String form, String template, String ignore, List<Value> values) {
        requireSlot(family, template);
        pairUp(
                family,
                values,
                false,
                (id, edit, kind, from, to) -> new Pair(
                        id,
                        instruction,
                        form,
                        edit,
                        kind,
                        template.replace(SLOT, from),
                        template.replace(SLOT, to),
                        List.of(),
                        new Pair.WholeFile(ignore, ignore)));
    }

    /** A whole-file family whose values are the {@code .dockerignore}; the Dockerfile stays as it is. */
    private void ignoreFamily(String family, String instruction, String form, String dockerfile, List<Value> values) {
        pairUp(
                family,
                values,
                false,
                (id, edit, kind, from, to) -> new Pair(
                        id,
                        instruction,
                        form,
                        edit,
                        kind,
                        dockerfile,
                        dockerfile,
                        List.of(),
                        new Pair.WholeFile(from, to)));
    }

    /**
     * Parser directives. No {@code # syntax=} directive can be played (the engines have no network to pull a frontend
     * image), so only lines that look like one but are comments, because a line that is no directive came first.
     */
    private void directives() {
        String body = "FROM {base} AS {s}\nRUN echo a @\n  > /r\nCOPY {d}/a /c";
        wholeFileFamily(
                "directive-escape",
                "directive",
                "# escape (continuations)",
                "@",
                NO_FILE,
                values(
                        "=same",
                        body.replace("@", "\\"),
                        "# escape=\\\n" + body.replace("@", "\\"),
                        "# escape=`\n" + body.replace("@", "`"),
                        "#ESCAPE = `\n" + body.replace("@", "`"),
                        "\n# escape=`\n" + body.replace("@", "\\")));
        wholeFileFamily(
                "directive-escape-word",
                "directive",
                "# escape (words)",
                "@\nRUN echo \"$E\" > /r",
                NO_FILE,
                values(
                        "=ab",
                        "FROM {base} AS {s}\nENV E=a\\b",
                        "# escape=`\nFROM {base} AS {s}\nENV E=a`b",
                        "FROM {base} AS {s}\nENV E=ab",
                        "=a-backslash-b",
                        "# escape=`\nFROM {base} AS {s}\nENV E=a\\b",
                        "FROM {base} AS {s}\nENV E=a\\\\b"));
        wholeFileFamily(
                "directive-check",
                "directive",
                "# check",
                "@FROM {base} AS {s}\nRUN echo c > /r\nCOPY {d}/a /c",
                NO_FILE,
                values("=same", "", "# check=skip=all\n", "# check=error=true\n", "# check=skip=all\n# escape=\\\n"));
        wholeFileFamily(
                "directive-syntax-comment",
                "directive",
                "# syntax after the directives end",
                "@\nRUN echo y > /r",
                NO_FILE,
                values(
                        "=same",
                        "FROM {base} AS {s}",
                        "\n# syntax=docker/dockerfile:1\nFROM {base} AS {s}",
                        "# a comment\n# syntax=docker/dockerfile:1\nFROM {base} AS {s}",
                        "FROM {base} AS {s}\n# syntax=docker/dockerfile:1"));
    }

    /** ARGs before the first FROM: seen by FROM lines, and in a stage only where the stage declares them again. */
    private void globalArgs() {
        wholeFileFamily(
                "global-arg-unused",
                "ARG",
                "global, not declared in the stage",
                "@FROM {base} AS {s}\nRUN echo \"[$V]\" > /r",
                NO_FILE,
                values("=same", "", "ARG V\n", "ARG V=1\n", "ARG V=2\nARG W=3\n"));
        wholeFileFamily(
                "global-arg-redeclared",
                "ARG",
                "global, declared again in the stage",
                "@FROM {base} AS {s}\nARG V\nRUN echo \"[$V]\" > /r",
                NO_FILE,
                values(
                        "=unset",
                        "",
                        "ARG V\n",
                        "=v1",
                        "ARG V=1\n",
                        "ARG V=\"1\"\n",
                        "ARG W=1\nARG V=$W\n",
                        "ARG V=1\nARG V\n",
                        "=v2",
                        "ARG V=2\n"));
        wholeFileFamily(
                "global-arg-stage-default",
                "ARG",
                "global, the stage's own default",
                "ARG V=1\nFROM {base} AS {s}\n@RUN echo \"[$V]\" > /r",
                NO_FILE,
                values("=v1", "ARG V\n", "ARG V=1\n", "=unset", "", "=v2", "ARG V=2\n"));
        String stages = "FROM {base} AS {s}-b\nRUN echo b > /b\nFROM @ AS {s}\nRUN echo f > /f";
        wholeFileFamily(
                "global-arg-from",
                "ARG",
                "global, used in FROM",
                "@",
                NO_FILE,
                values(
                        "=base",
                        stages.replace("@", "{base}"),
                        "ARG IMG={base}\n" + stages.replace("@", "$IMG"),
                        "ARG IMG=dockercache-busybox\n" + stages.replace("@", "${IMG}:latest"),
                        "ARG IMG\n" + stages.replace("@", "${IMG:-{base}}"),
                        "=stage",
                        "ARG IMG={s}-b\n" + stages.replace("@", "$IMG"),
                        stages.replace("@", "{s}-b")));
        wholeFileFamily(
                "global-arg-platform",
                "ARG",
                "global automatic platform args in FROM",
                "@ AS {s}\nARG TARGETPLATFORM\nRUN echo $TARGETPLATFORM > /p",
                NO_FILE,
                values(
                        "=same",
                        "FROM {base}",
                        "ARG BUILDPLATFORM\nFROM --platform=$BUILDPLATFORM {base}",
                        "ARG TARGETPLATFORM\nFROM --platform=${TARGETPLATFORM} {base}"));
    }

    /** {@code .dockerignore}: its patterns, and edits of files it excludes or re-includes. */
    private void dockerignore() {
        for (String[] read : List.of(
                new String[] {"COPY", "COPY {d}/ /c/"},
                new String[] {"RUN", "RUN --mount=type=bind,source={d},target=/m ls -lR /m > /r"})) {
            ignoreFamily(
                    "dockerignore-" + read[0].toLowerCase(Locale.ROOT),
                    read[0],
                    ".dockerignore patterns",
                    "FROM {base} AS {s}\n" + read[1] + "\nRUN echo next > /next",
                    values(
                            "=none",
                            NO_FILE,
                            "# comment",
                            "{d}/nomatch\n",
                            "=b",
                            "{d}/b",
                            "/{d}/b\n",
                            "**/b",
                            "=sub",
                            "{d}/dir/sub",
                            "=dir-but-x",
                            "{d}/dir\n!{d}/dir/x"));
        }
        record Edit(String name, Kind kind, ContextEdit change) {}
        List<Edit> edits = List.of(
                new Edit("excluded file changed", Kind.EQUIVALENT, ContextEdit.write("b", "b2\n")),
                new Edit("excluded file deleted", Kind.EQUIVALENT, ContextEdit.delete("b")),
                new Edit(
                        "file added under an excluded directory", Kind.EQUIVALENT, ContextEdit.write("dir/sub/n", "n")),
                new Edit("re-included file changed", Kind.CHANGE, ContextEdit.write("dir/sub/z", "z2\n")),
                new Edit("included file changed", Kind.CHANGE, ContextEdit.write("dir/x", "x2\n")));
        String dockerfile = "FROM {base} AS {s}\nCOPY {d}/ /c/\nRUN echo next > /next";
        String ignore = "{d}/b\n{d}/dir/sub\n!{d}/dir/sub/z\n";
        for (int e = 0; e < edits.size(); e++) {
            Edit edit = edits.get(e);
            pairs.add(new Pair(
                    "dockerignore-context-" + e,
                    "COPY",
                    "context under a .dockerignore",
                    edit.name(),
                    edit.kind(),
                    dockerfile,
                    dockerfile,
                    List.of(edit.change()),
                    new Pair.WholeFile(ignore, ignore)));
        }
    }

    /**
     * {@code COPY .} of the whole context, which holds the Dockerfile and the {@code .dockerignore} themselves unless
     * the {@code .dockerignore} excludes them (the runner's context also holds {@code Dockerfile.after}).
     */
    private void wholeContext() {
        String dockerfile = "FROM {base} AS {s}\n@\nRUN echo next > /next";
        wholeFileFamily(
                "copy-dot",
                "COPY",
                "COPY . (Dockerfile ignored)",
                dockerfile,
                ".dockerignore\nDockerfile\nDockerfile.after\n",
                values(
                        "=dot",
                        "COPY . /c/",
                        "COPY ./ /c/",
                        "COPY . /c",
                        "copy . /c/",
                        "# comment\nCOPY . /c/",
                        "=dir",
                        "COPY {d} /c/{d}/"));
        wholeFileFamily(
                "copy-dot-dockerfile",
                "COPY",
                "COPY . (Dockerfile sent)",
                dockerfile,
                NO_FILE,
                values("=dot", "COPY . /c/", "=comment", "# comment\nCOPY . /c/", "=spacing", "COPY  . /c/"));
        ignoreFamily(
                "copy-dot-ignore",
                "COPY",
                "COPY . under .dockerignore edits",
                dockerfile.replace("@", "COPY . /c/"),
                values(
                        "=all",
                        NO_FILE,
                        "=all-but-ignore",
                        ".dockerignore",
                        ".dockerignore\n# comment",
                        "/.dockerignore\n{d}/nomatch",
                        "=no-b",
                        ".dockerignore\n{d}/b",
                        "{d}/b\n.dockerignore",
                        "=no-dockerfile",
                        ".dockerignore\nDockerfile"));
        List<ContextEdit> edits =
                List.of(ContextEdit.touch("a"), ContextEdit.write("a", "a2\n"), ContextEdit.chmod("a", "0755"));
        for (int e = 0; e < edits.size(); e++) {
            pairs.add(new Pair(
                    "copy-dot-context-" + e,
                    "COPY",
                    "COPY . (context edits)",
                    edits.get(e).op() + " a",
                    e == 0 ? Kind.EQUIVALENT : Kind.CHANGE,
                    dockerfile.replace("@", "COPY . /c/"),
                    dockerfile.replace("@", "COPY . /c/"),
                    List.of(edits.get(e)),
                    Pair.WholeFile.NO_IGNORE));
        }
    }
}
