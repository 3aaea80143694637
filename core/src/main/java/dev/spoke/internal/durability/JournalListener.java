package dev.spoke.internal.durability;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reports from a {@link Journal}. Called on the thread doing the work (open, append, ack or the
 * sync thread); exceptions thrown here are caught and ignored. Not API.
 */
interface JournalListener {
  /** Ignores everything. */
  JournalListener NONE = new JournalListener() {};

  /**
   * Damaged data was found at {@code offset} of {@code file} (torn tail, bad checksum, bad length);
   * everything from there to the end of that file was discarded.
   */
  default void corruption(Path file, long offset, String reason) {}

  /** A segment whose records were all acknowledged was deleted. */
  default void segmentDeleted(Path file) {}

  /** A background sync failed (the data may not be durable yet). */
  default void syncFailed(IOException error) {}
}
