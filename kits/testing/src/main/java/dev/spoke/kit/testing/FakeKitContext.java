package dev.spoke.kit.testing;

import dev.spoke.Environment;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitUser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A {@link KitContext} for a kit's own tests: the settings under test, a clock the test moves by
 * hand, a logger that records every line, and the list of what the kit reported as forwarded.
 * Create the kit with {@code factory.create(new FakeKitContext(id, settings))} and call its
 * listener methods directly, pointing its partner endpoint at a local HTTP server.
 */
public final class FakeKitContext implements KitContext {
  private final int moduleId;
  private final Map<String, String> settings;
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final RecordingLogger logger = new RecordingLogger();
  private final List<String> forwarded = Collections.synchronizedList(new ArrayList<>());
  private final OkHttpClient http;
  private final Environment environment;
  private volatile KitUser currentUser;

  public FakeKitContext(int moduleId, Map<String, String> settings) {
    this(moduleId, settings, new OkHttpClient(), Environment.DEVELOPMENT);
  }

  public FakeKitContext(
      int moduleId, Map<String, String> settings, OkHttpClient http, Environment environment) {
    this.moduleId = moduleId;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    this.http = http;
    this.environment = environment;
  }

  @Override
  public int moduleId() {
    return moduleId;
  }

  @Override
  public Map<String, String> settings() {
    return settings;
  }

  @Override
  public RecordingLogger logger() {
    return logger;
  }

  @Override
  public ManualClock clock() {
    return clock;
  }

  @Override
  public OkHttpClient httpClient() {
    return http;
  }

  @Override
  public Environment environment() {
    return environment;
  }

  @Override
  public Optional<KitUser> currentUser() {
    return Optional.ofNullable(currentUser);
  }

  /** Sets what {@link #currentUser()} returns. */
  public void currentUser(KitUser user) {
    this.currentUser = user;
  }

  @Override
  public void reportForwarded(String eventName, String detail) {
    forwarded.add(eventName + " -> " + detail);
  }

  /** What the kit reported, as {@code "<eventName> -> <detail>"}, in order. */
  public List<String> forwarded() {
    return forwarded;
  }

  /** A clock tests move by hand. */
  public static final class ManualClock extends Clock {
    private final AtomicLong millis;

    public ManualClock(long millis) {
      this.millis = new AtomicLong(millis);
    }

    public void advance(long byMillis) {
      millis.addAndGet(byMillis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  /**
   * Keeps every formatted log line ({@code "<LEVEL> <message>"}), so tests can check what was
   * logged and what never was.
   */
  public static final class RecordingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    RecordingLogger() {
      this.name = "test-kit";
    }

    /** Every line so far. */
    public List<String> lines() {
      return lines;
    }

    /** The lines at one level. */
    public List<String> at(Level level) {
      List<String> out = new ArrayList<>();
      synchronized (lines) {
        for (String l : lines) {
          if (l.startsWith(level + " ")) out.add(l);
        }
      }
      return out;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] args, Throwable t) {
      lines.add(
          level
              + " "
              + MessageFormatter.basicArrayFormat(pattern, args)
              + (t == null ? "" : " " + t));
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
