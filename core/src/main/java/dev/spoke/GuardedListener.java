package dev.spoke;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the host's listener so that nothing it throws reaches a Spoke thread or a tracking call.
 */
final class GuardedListener implements SpokeListener {
  private static final Logger LOG = LoggerFactory.getLogger(Spoke.class);

  private final SpokeListener d;

  GuardedListener(SpokeListener d) {
    this.d = d;
  }

  private static void warn(String m, Throwable t) {
    LOG.warn("SpokeListener.{} threw; ignored", m, t);
  }

  @Override
  public void onValidation(ValidationIssue i) {
    try {
      d.onValidation(i);
    } catch (Throwable t) {
      warn("onValidation", t);
    }
  }

  @Override
  public void onDrop(DropReason r, long n, String s) {
    try {
      d.onDrop(r, n, s);
    } catch (Throwable t) {
      warn("onDrop", t);
    }
  }

  @Override
  public void onDelivered(int b, int e, long by) {
    try {
      d.onDelivered(b, e, by);
    } catch (Throwable t) {
      warn("onDelivered", t);
    }
  }

  @Override
  public void onRetry(int s, String c, int a, long ms) {
    try {
      d.onRetry(s, c, a, ms);
    } catch (Throwable t) {
      warn("onRetry", t);
    }
  }

  @Override
  public void onUploadsPaused(int s, String m) {
    try {
      d.onUploadsPaused(s, m);
    } catch (Throwable t) {
      warn("onUploadsPaused", t);
    }
  }

  @Override
  public void onUploadsResumed() {
    try {
      d.onUploadsResumed();
    } catch (Throwable t) {
      warn("onUploadsResumed", t);
    }
  }

  @Override
  public void onJournal(String m) {
    try {
      d.onJournal(m);
    } catch (Throwable t) {
      warn("onJournal", t);
    }
  }

  @Override
  public void onKit(int id, String n, String m) {
    try {
      d.onKit(id, n, m);
    } catch (Throwable t) {
      warn("onKit", t);
    }
  }
}
