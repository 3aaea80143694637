package dev.spoke.internal;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that keeps every line (level and formatted message) for assertions. */
final class RecordingLogger extends AbstractLogger {
  private static final long serialVersionUID = 1L;

  final List<String> lines = new ArrayList<>();
  private final boolean debug;

  RecordingLogger(boolean debug) {
    this.name = "recording";
    this.debug = debug;
  }

  synchronized List<String> lines() {
    return new ArrayList<>(lines);
  }

  synchronized List<String> at(String level) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      if (l.startsWith(level + " ")) out.add(l);
    }
    return out;
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected synchronized void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] args, Throwable t) {
    lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, args));
  }

  @Override
  public boolean isTraceEnabled() {
    return false;
  }

  @Override
  public boolean isTraceEnabled(Marker marker) {
    return false;
  }

  @Override
  public boolean isDebugEnabled() {
    return debug;
  }

  @Override
  public boolean isDebugEnabled(Marker marker) {
    return debug;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled(Marker marker) {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled(Marker marker) {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled(Marker marker) {
    return true;
  }
}
