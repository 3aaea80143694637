package dev.spoke.internal.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opt-out state and whether the workspace keeps collecting after an opt-out, persisted across
 * starts in {@code opt-out-<key>} in the data directory (in memory only without one). A failure to
 * read or write the file is logged and never reaches the host. Not API.
 */
public final class OptOutStore {
  private static final Logger LOG = LoggerFactory.getLogger(OptOutStore.class);

  private final Path file;
  private volatile boolean optedOut;
  private volatile boolean keepCollectingAfterOptOut;

  /**
   * @param file where the state is kept, or null for memory only
   */
  public OptOutStore(Path file) {
    this.file = file;
    this.optedOut = load(file);
  }

  /** The file for a workspace's key in a data directory, or null without a data directory. */
  public static Path fileFor(Path dataDirectory, String apiKey) {
    return dataDirectory == null ? null : dataDirectory.resolve("opt-out-" + safe(apiKey));
  }

  /** A key made safe for a file name. */
  public static String safe(String key) {
    return key.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  public boolean isOptedOut() {
    return optedOut;
  }

  /**
   * Whether tracking calls are refused now: opted out, and the workspace does not keep collecting.
   */
  public boolean blocksCollection() {
    return optedOut && !keepCollectingAfterOptOut;
  }

  /** The workspace configuration's rule for collecting after an opt-out. */
  public void keepCollectingAfterOptOut(boolean keep) {
    this.keepCollectingAfterOptOut = keep;
  }

  /** Sets and persists the state. */
  public void set(boolean out) {
    optedOut = out;
    if (file == null) return;
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, Boolean.toString(out), StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("spoke: could not persist the opt-out state to {}: {}", file, e.toString());
    }
  }

  private static boolean load(Path f) {
    try {
      return f != null
          && Files.exists(f)
          && "true".equals(Files.readString(f, StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      LOG.warn("spoke: could not read the opt-out state from {}: {}", f, e.toString());
      return false;
    }
  }
}
