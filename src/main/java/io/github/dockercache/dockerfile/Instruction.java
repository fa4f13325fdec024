package io.github.dockercache.dockerfile;

/** One instruction of a stage. Word fields hold the text as written: variables are not yet expanded. */
public sealed interface Instruction
        permits FromInstruction,
                RunInstruction,
                CopyInstruction,
                WorkdirInstruction,
                EnvInstruction,
                ArgInstruction,
                UserInstruction,
                ShellInstruction,
                OnbuildInstruction,
                MetadataInstruction {
    InstructionSource source();
}
