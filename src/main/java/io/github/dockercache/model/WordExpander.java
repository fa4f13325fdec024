package io.github.dockercache.model;

import io.github.dockercache.dockerfile.ExpansionException;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.ShellLexer;
import io.github.dockercache.dockerfile.VariableLookup;

/**
 * Expands the words of one Dockerfile's instructions (cache-model §8) and notes when an expansion read a secret: the
 * instruction is then secret, and its inputs are masked (docs/secrets.md).
 */
final class WordExpander {
    private final ShellLexer lexer;
    private final Taint taint;
    /** True once an expansion of the current instruction read a secret, or the instruction set a secret variable. */
    boolean instructionSecret;

    WordExpander(ShellLexer lexer, Taint taint) {
        this.lexer = lexer;
        this.taint = taint;
    }

    String expand(String word, VariableLookup variables, Instruction instruction) throws AnalysisException {
        return expand(lexer, word, variables, instruction);
    }

    /**
     * Expands a word; a result that read a secret is secret, and so is the instruction. An error of an expansion that
     * read a secret may quote it (a pattern, a {@code ${V:?message}}): only the word as written is named then.
     */
    String expand(ShellLexer with, String word, VariableLookup variables, Instruction instruction)
            throws AnalysisException {
        long reads = taint.reads();
        try {
            String result = with.processWord(word, variables);
            if (taint.reads() != reads) {
                instructionSecret = true;
                taint.remember(result);
            }
            return result;
        } catch (ExpansionException e) {
            if (taint.reads() != reads) {
                throw new AnalysisException(instruction.source().location() + ": failed to process \"" + word
                        + "\": the word reads a secret, so the reason, which may quote it, is not shown");
            }
            throw new AnalysisException(instruction.source().location() + ": " + e.getMessage(), e);
        }
    }

    String expandNullable(String word, StageState state, Instruction instruction) throws AnalysisException {
        return word == null ? null : expand(word, state.lookup(), instruction);
    }

    String expandedWord(String word, StageState state, Instruction instruction) throws AnalysisException {
        return expand(word, state.lookup(), instruction);
    }
}
