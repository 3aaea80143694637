package dev.spoke.internal.kit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. The kit configuration cached on disk, {@code <cacheDir>/kit-config-<apiKey>.json}: the
 * document and its {@code ETag} and {@code Last-Modified} together, written via a temporary file
 * and a rename so that a crash never leaves half a file. Called from the configuration thread only.
 */
final class KitConfigCache {
  private static final Logger LOG = LoggerFactory.getLogger(KitConfigClient.class);
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * One cached answer.
   *
   * @param config the document
   * @param etag its {@code ETag}, or null
   * @param lastModified its {@code Last-Modified}, or null
   */
  record Entry(KitConfiguration config, String etag, String lastModified) {}

  private final Path file;
  private final Clock clock;

  /**
   * @param dir the cache directory
   * @param apiKey the workspace key, made safe for a file name
   * @param clock stamps each save
   */
  KitConfigCache(Path dir, String apiKey, Clock clock) {
    this.file = dir.resolve("kit-config-" + safeFileName(apiKey) + ".json");
    this.clock = clock;
  }

  static String safeFileName(String key) {
    return key.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * @return the cache file
   */
  Path file() {
    return file;
  }

  /**
   * @return what the file holds, or null when there is none or it cannot be read (logged)
   */
  Entry load() {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Map<String, Object> o = Fields.object(JsonTree.parse(text), file.toString());
      Object config = o.get("config");
      if (!(config instanceof String)) {
        throw new KitConfigurationException("cache file has no config document");
      }
      return new Entry(
          KitConfiguration.parse((String) config),
          o.get("etag") instanceof String ? (String) o.get("etag") : null,
          o.get("lastModified") instanceof String ? (String) o.get("lastModified") : null);
    } catch (NoSuchFileException e) {
      return null; // first run: nothing cached yet
    } catch (IOException | KitConfigurationException e) {
      LOG.warn("ignoring unreadable kit configuration cache {}: {}", file, e.getMessage());
      return null;
    }
  }

  /** Replaces the file's content; a failure is logged and leaves the previous file. */
  void save(KitConfiguration c, String etag, String lastModified) {
    Path tmp = null;
    try {
      Files.createDirectories(file.getParent());
      tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp);
          JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        if (etag != null) {
          g.writeStringField("etag", etag);
        }
        if (lastModified != null) {
          g.writeStringField("lastModified", lastModified);
        }
        g.writeNumberField("savedAtMillis", clock.millis());
        g.writeStringField("config", c.rawJson());
        g.writeEndObject();
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      LOG.warn("could not cache the kit configuration at {}: {}", file, e.toString());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }
}
