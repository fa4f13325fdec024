package io.github.dockercache.dockerfile;

/**
 * {@code FROM [--platform=p] image [AS name]}.
 *
 * @param image the image reference as written (may contain global ARG references)
 * @param platform the {@code --platform} value as written, or null
 * @param stageName the {@code AS} name as written, or null
 */
public record FromInstruction(InstructionSource source, String image, String platform, String stageName)
        implements Instruction {}
