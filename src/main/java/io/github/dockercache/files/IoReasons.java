package io.github.dockercache.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * I/O errors worded with the operating system's reason. Java drops the reason for the commonest errors: an
 * {@code AccessDeniedException}'s message is the path alone; this restores the text {@code strerror} gives.
 */
public final class IoReasons {
    private IoReasons() {}

    /** "/path/file: Permission denied", or the exception's own message where it has a reason. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() == null) {
            String reason = fs instanceof AccessDeniedException
                    ? "Permission denied"
                    : fs instanceof NoSuchFileException
                            ? "No such file or directory"
                            : fs instanceof FileAlreadyExistsException
                                    ? "File exists"
                                    : fs instanceof DirectoryNotEmptyException
                                            ? "Directory not empty"
                                            : fs instanceof NotDirectoryException
                                                    ? "Not a directory"
                                                    : fs instanceof NotLinkException
                                                            ? "Not a symbolic link"
                                                            : fs.getClass().getSimpleName();
            return fs.getMessage() + ": " + reason;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
