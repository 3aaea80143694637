package dev.spoke.internal.durability;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The journal's directory, held exclusively through a lock file ({@code journal.lock}) so that two
 * journals never write the same segments.
 */
final class JournalDirectory {
  final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private JournalDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates the directory if needed and locks it. Fails with an {@link IOException} naming the
   * directory when it cannot be created, written or locked (another journal has it open).
   */
  static JournalDirectory lock(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException(
          "journal directory "
              + dir
              + " cannot be created ("
              + e
              + "): choose a writable directory",
          e);
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new IOException(
          "journal directory " + dir + " is not a writable directory: choose a writable directory");
    }
    FileChannel lc;
    try {
      lc =
          FileChannel.open(
              dir.resolve("journal.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new IOException(
          "journal directory " + dir + " is not writable (" + e + "): choose a writable directory",
          e);
    }
    FileLock fl;
    try {
      fl = lc.tryLock();
    } catch (OverlappingFileLockException e) {
      fl = null;
    }
    if (fl == null) {
      lc.close();
      throw new IOException(
          "journal directory "
              + dir
              + " is already in use by another journal: give each instance its own directory");
    }
    return new JournalDirectory(dir, lc, fl);
  }

  /** Makes a new file's directory entry durable, so a synced record cannot vanish with it. */
  void syncEntries() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open directories; the file's own sync still covers its data.
    }
  }

  /** Releases the lock and closes the lock file. */
  void release() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }
}
