/**
 * Reading and writing the plugin's own input and output files safely: whole-file reads bounded in size and
 * refused for anything but a regular file (a FIFO would block, {@code /dev/zero} never end), I/O errors worded with
 * the operating system's reason, and temporary files that a crashed run leaves behind removed by the next.
 */
package io.github.dockercache.files;
