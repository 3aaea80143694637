package dev.spoke.event;

import dev.spoke.internal.Copies;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A crash or exception report ({@code crash_report}); see {@link #from(Throwable, boolean)}. */
public final class CrashReport extends Event {
  private final String className;
  private final List<String> breadcrumbs;
  private final String severity;
  private final String message;
  private final String stackTrace;
  private final Boolean exceptionHandled;

  private CrashReport(Builder b) {
    super(EventType.CRASH_REPORT, b);
    this.className = b.className;
    this.breadcrumbs = Copies.list(b.breadcrumbs);
    this.severity = b.severity;
    this.message = b.message;
    this.stackTrace = b.stackTrace;
    this.exceptionHandled = b.exceptionHandled;
  }

  /**
   * @return a builder (never throws)
   */
  public static Builder builder() {
    Builder b = new Builder();
    return b;
  }

  /**
   * Starts a crash report from a throwable: its class name, message and stack trace text. Never
   * throws, even for a null throwable or one whose {@code toString} fails.
   *
   * @param t the throwable, may be null (an empty report)
   * @param handled whether the application handled the exception
   * @return a builder
   */
  public static Builder from(Throwable t, boolean handled) {
    Builder b = new Builder();
    b.exceptionHandled(handled);
    if (t == null) {
      return b;
    }
    b.className(t.getClass().getName());
    try {
      b.message(t.getMessage());
    } catch (RuntimeException ignored) {
      // A throwable whose getMessage() fails still deserves a report.
    }
    try {
      StringWriter text = new StringWriter();
      t.printStackTrace(new PrintWriter(text));
      b.stackTrace(text.toString());
    } catch (RuntimeException ignored) {
      // Keep the class name and message; the stack trace text could not be rendered.
    }
    return b;
  }

  /**
   * @return a builder holding this event's values
   */
  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @return the exception class name, or null
   */
  public String className() {
    return className;
  }

  /**
   * @return the breadcrumbs leading to the crash, unmodifiable (entries may be null)
   */
  public List<String> breadcrumbs() {
    return breadcrumbs;
  }

  /**
   * @return the severity, or null
   */
  public String severity() {
    return severity;
  }

  /**
   * @return the message, or null
   */
  public String message() {
    return message;
  }

  /**
   * @return the stack trace text, or null
   */
  public String stackTrace() {
    return stackTrace;
  }

  /**
   * @return whether the exception was handled, or null
   */
  public Boolean exceptionHandled() {
    return exceptionHandled;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CrashReport)) {
      return false;
    }
    CrashReport that = (CrashReport) o;
    return commonEquals(that)
        && Objects.equals(className, that.className)
        && Objects.equals(breadcrumbs, that.breadcrumbs)
        && Objects.equals(severity, that.severity)
        && Objects.equals(message, that.message)
        && Objects.equals(stackTrace, that.stackTrace)
        && Objects.equals(exceptionHandled, that.exceptionHandled);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        commonHashCode(), className, breadcrumbs, severity, message, stackTrace, exceptionHandled);
  }

  @Override
  public String toString() {
    return "CrashReport["
        + "className="
        + className
        + ", breadcrumbs="
        + breadcrumbs
        + ", severity="
        + severity
        + ", message="
        + message
        + ", stackTrace="
        + stackTrace
        + ", exceptionHandled="
        + exceptionHandled
        + commonToString()
        + "]";
  }

  /** Builds a {@link CrashReport}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {
    private String className;
    private ArrayList<String> breadcrumbs = new ArrayList<>();
    private String severity;
    private String message;
    private String stackTrace;
    private Boolean exceptionHandled;

    private Builder() {}

    private Builder(CrashReport v) {
      super(v);
      this.className = v.className;
      this.breadcrumbs.addAll(v.breadcrumbs);
      this.severity = v.severity;
      this.message = v.message;
      this.stackTrace = v.stackTrace;
      this.exceptionHandled = v.exceptionHandled;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param className the exception class name, or null
     * @return this builder
     */
    public Builder className(String className) {
      this.className = className;
      return this;
    }

    /**
     * Replaces the breadcrumbs; the list is copied, null elements are kept.
     *
     * @param breadcrumbs the breadcrumbs leading to the crash, unmodifiable (entries may be null);
     *     null means none
     * @return this builder
     */
    public Builder breadcrumbs(List<String> breadcrumbs) {
      this.breadcrumbs = new ArrayList<>(Copies.safeList(breadcrumbs));
      return this;
    }

    /**
     * @param breadcrumb one more entry, carried as given
     * @return this builder
     */
    public Builder breadcrumb(String breadcrumb) {
      this.breadcrumbs.add(breadcrumb);
      return this;
    }

    /**
     * @param severity the severity, or null
     * @return this builder
     */
    public Builder severity(String severity) {
      this.severity = severity;
      return this;
    }

    /**
     * @param message the message, or null
     * @return this builder
     */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /**
     * @param stackTrace the stack trace text, or null
     * @return this builder
     */
    public Builder stackTrace(String stackTrace) {
      this.stackTrace = stackTrace;
      return this;
    }

    /**
     * @param exceptionHandled whether the exception was handled, or null
     * @return this builder
     */
    public Builder exceptionHandled(Boolean exceptionHandled) {
      this.exceptionHandled = exceptionHandled;
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public CrashReport build() {
      return new CrashReport(this);
    }
  }
}
