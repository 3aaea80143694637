package dev.spoke.kit.webhook;

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
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A KitContext for tests: given settings, a settable clock, a recording logger and forwarding log. */
final class FakeKitContext implements KitContext {
    final Map<String, String> settings;
    final MutableClock clock = new MutableClock(1_700_000_000_000L);
    final RecordingLogger logger = new RecordingLogger();
    final List<String> forwarded = Collections.synchronizedList(new ArrayList<>());
    final OkHttpClient http = new OkHttpClient();
    KitUser currentUser;

    FakeKitContext(Map<String, String> settings) {
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    @Override public int moduleId() { return WebhookKitFactory.MODULE_ID; }
    @Override public Map<String, String> settings() { return settings; }
    @Override public Logger logger() { return logger; }
    @Override public Clock clock() { return clock; }
    @Override public OkHttpClient httpClient() { return http; }
    @Override public Environment environment() { return Environment.DEVELOPMENT; }
    @Override public Optional<KitUser> currentUser() { return Optional.ofNullable(currentUser); }

    @Override public void reportForwarded(String eventName, String detail) {
        forwarded.add(eventName + " -> " + detail);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private final AtomicLong millis;

        MutableClock(long millis) { this.millis = new AtomicLong(millis); }

        void advance(long by) { millis.addAndGet(by); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public long millis() { return millis.get(); }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis.get()); }
    }

    /** Keeps every formatted log line, so tests can check what was logged and what never was. */
    static final class RecordingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        RecordingLogger() { this.name = "test-kit"; }

        List<String> at(Level level) {
            List<String> out = new ArrayList<>();
            synchronized (lines) {
                for (String l : lines) {
                    if (l.startsWith(level + " ")) {
                        out.add(l);
                    }
                }
            }
            return out;
        }

        @Override protected String getFullyQualifiedCallerName() { return null; }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                Throwable t) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, args) + (t == null ? "" : " " + t));
        }

        @Override public boolean isTraceEnabled() { return true; }
        @Override public boolean isDebugEnabled() { return true; }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public boolean isErrorEnabled() { return true; }
    }
}
