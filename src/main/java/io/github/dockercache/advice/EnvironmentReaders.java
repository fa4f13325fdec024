package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.RunInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a RUN may read a variable from its environment without naming it. Every stage ARG is in the environment
 * of every later RUN (cache-model §5, §7); a RUN that runs a script, a build tool (a pom, a Makefile, package.json scripts)
 * or any program not known here may read it, and so may one of the well-known tools when the variable is one they
 * read themselves ({@code DEBIAN_FRONTEND}, {@code http_proxy}, {@code GOFLAGS}). Moving an ARG past such a RUN
 * can break the build, as moving {@code ARG JAVA_VERSION} past jenkinsci/docker's {@code jdk-download.sh} would.
 */
final class EnvironmentReaders {
    /** Programs that read no variable of a Dockerfile's own, apart from the ones {@link #TOOL_VARIABLES} lists. */
    private static final Set<String> BLIND = Set.of(
            "apt-get",
            "apt",
            "apt-cache",
            "apt-key",
            "apt-mark",
            "dpkg",
            "dpkg-reconfigure",
            "dpkg-divert",
            "apk",
            "yum",
            "dnf",
            "microdnf",
            "rpm",
            "zypper",
            "pacman",
            "useradd",
            "groupadd",
            "adduser",
            "addgroup",
            "usermod",
            "groupmod",
            "userdel",
            "deluser",
            "chpasswd",
            "mkdir",
            "rmdir",
            "rm",
            "cp",
            "mv",
            "ln",
            "touch",
            "cat",
            "chmod",
            "chown",
            "chgrp",
            "ls",
            "pwd",
            "cd",
            "echo",
            "printf",
            "test",
            "[",
            "[[",
            "true",
            "false",
            ":",
            "sleep",
            "date",
            "id",
            "whoami",
            "uname",
            "hostname",
            "tar",
            "gzip",
            "gunzip",
            "zcat",
            "bzip2",
            "xz",
            "unxz",
            "zstd",
            "unzip",
            "zip",
            "curl",
            "wget",
            "sha1sum",
            "sha256sum",
            "sha512sum",
            "md5sum",
            "gpg",
            "gpgv",
            "gpgconf",
            "dirmngr",
            "sed",
            "grep",
            "egrep",
            "fgrep",
            "cut",
            "tr",
            "head",
            "tail",
            "sort",
            "uniq",
            "wc",
            "tee",
            "base64",
            "basename",
            "dirname",
            "realpath",
            "readlink",
            "stat",
            "mktemp",
            "update-ca-certificates",
            "update-alternatives",
            "ldconfig",
            "locale-gen",
            "localedef",
            "install",
            "setcap",
            "jq",
            "git",
            "export",
            "set",
            "unset",
            "umask",
            "exit",
            "shift",
            "wait",
            "chroot");
    /** Sub-commands of {@code go} that run no code of the project's (go generate, go run, go test do). */
    private static final Set<String> GO_BLIND =
            Set.of("mod", "build", "install", "get", "vet", "list", "version", "env", "clean", "fmt");
    /** Shell words before the program: keywords, and wrappers that run the rest as it is. */
    private static final Set<String> PREFIXES = Set.of(
            "if", "then", "else", "elif", "while", "until", "do", "!", "time", "exec", "command", "nohup", "sudo",
            "builtin");
    /** Variables the tools above read themselves: no RUN is known not to read these. */
    private static final Pattern TOOL_VARIABLES = Pattern.compile("(?i)(?:https?|ftp|all|no)_proxy"
            + "|LANG|LANGUAGE|LC_\\w+|TZ|PATH|HOME|USER|SHELL|TERM|TMPDIR|PWD|IFS|ENV|BASH_ENV|CDPATH|HOSTNAME"
            + "|DEBIAN_\\w+|APT_\\w+|DPKG_\\w+|GNUPGHOME"
            + "|GIT_(?:DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|AUTHOR_\\w+|COMMITTER_\\w+|SSH\\w*|ASKPASS|TERMINAL_PROMPT"
            + "|CONFIG\\w*|TRACE\\w*|HTTP_\\w+|SSL_\\w+|PAGER|EDITOR|EXEC_PATH|CEILING_DIRECTORIES|NAMESPACE"
            + "|PROTOCOL\\w*|ALLOW_PROTOCOL|LFS_\\w+|CURL_VERBOSE|DEFAULT_HASH)|SSH_\\w+|CURL_\\w+|SSL_\\w+|WGETRC|TAR_OPTIONS|GZIP"
            + "|XZ_\\w+|GREP_\\w+|LS_COLORS|XDG_\\w+|GO\\w*|CGO_\\w+|CC|CXX|\\w*FLAGS|PKG_CONFIG\\w*|LD_\\w+"
            + "|JAVA_HOME|JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS|\\w+_OPTS|MAVEN_\\w+|M2_HOME|GRADLE_\\w+"
            + "|NODE_\\w+|NPM_\\w+|YARN_\\w+|PNPM_\\w+|PYTHON\\w*|PIP_\\w+|UV_\\w+|POETRY_\\w+|VIRTUAL_ENV|CARGO_\\w+"
            + "|RUSTUP_\\w+|RUST\\w*|SOURCE_DATE_EPOCH");

    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Pattern REDIRECTION = Pattern.compile("\\d*[<>].*");

    private EnvironmentReaders() {}

    /** True unless every program the RUN starts is known to read no variable of that name. */
    static boolean mayRead(RunInstruction run, String name) {
        if (TOOL_VARIABLES.matcher(name).matches()) {
            return true;
        }
        if (!run.shellForm()) {
            return !run.command().isEmpty() && !isBlind(run.command(), 0);
        }
        List<List<String>> commands = new ArrayList<>();
        split(Instructions.command(run), commands);
        for (List<String> words : commands) {
            int program = programIndex(words);
            if (program >= 0 && !isBlind(words, program)) {
                return true;
            }
        }
        return false;
    }

    /** The index of the program word, or -1 when the command runs none (a heredoc marker, an assignment only). */
    private static int programIndex(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("for") || word.equals("case") || word.equals("in") || word.equals("esac")) {
                return -1; // the list or patterns of a loop or case: its body is another command
            }
            if (!PREFIXES.contains(word)
                    && !ASSIGNMENT.matcher(word).matches()
                    && !REDIRECTION.matcher(word).matches()
                    && !word.startsWith("<<")
                    && !word.equals("\\")
                    && !word.equals("fi")
                    && !word.equals("done")) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlind(List<String> words, int program) {
        String word = words.get(program);
        if (word.contains("$")) {
            return false; // a program named by a variable: anything
        }
        String base = word.substring(word.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        boolean systemPath = !word.contains("/") || word.matches("/(?:usr/)?s?bin/[^/]+");
        if (!systemPath) {
            return false; // a script or a program of the image's own
        }
        if (base.equals("go")) {
            return program + 1 < words.size() && GO_BLIND.contains(words.get(program + 1));
        }
        if (base.equals("find")) {
            return words.stream().noneMatch(w -> w.startsWith("-exec") || w.startsWith("-ok"));
        }
        return BLIND.contains(base);
    }

    /**
     * Splits shell text into simple commands, each a list of words without their quotes, as far as a rule needs it:
     * {@code ;}, {@code &&}, {@code |}, newlines and parentheses end a command, and a {@code $(...)} or backquoted
     * substitution is a command of its own (the word around it keeps a {@code $}, so that it never passes for a
     * program the rule knows).
     */
    static void split(String text, List<List<String>> commands) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote == '\'') {
                if (ch == '\'') {
                    quote = 0;
                } else {
                    word.append(ch);
                }
            } else if (ch == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else if (ch == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(' || ch == '`') {
                int end = ch == '`' ? closingQuote(text, i + 1) : closingParen(text, i + 2);
                split(text.substring(ch == '`' ? i + 1 : i + 2, end), commands);
                word.append('$');
                i = end;
            } else if (ch == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int end = text.indexOf('}', i);
                end = end < 0 ? text.length() - 1 : end;
                word.append(text, i, end + 1); // ${NAME}: braces that group nothing
                i = end;
            } else if (quote == '"') {
                if (ch == '"') {
                    quote = 0;
                } else {
                    word.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (Character.isWhitespace(ch) && ch != '\n') {
                flush(word, words);
            } else if (";&|\n(){}".indexOf(ch) >= 0) {
                flush(word, words);
                flush(words, commands);
            } else {
                word.append(ch);
            }
        }
        flush(word, words);
        flush(words, commands);
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static void flush(List<String> words, List<List<String>> commands) {
        if (!words.isEmpty()) {
            commands.add(List.copyOf(words));
            words.clear();
        }
    }

    /** The index of the {@code )} that closes a substitution whose text starts at {@code from}, or the end. */
    private static int closingParen(String text, int from) {
        int depth = 1;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                quote = ch == quote ? 0 : quote;
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    private static int closingQuote(String text, int from) {
        int end = text.indexOf('`', from);
        return end < 0 ? text.length() : end;
    }
}
