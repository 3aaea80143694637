package dev.spoke.event;

import java.util.Objects;

/**
 * The event types that carry only the common fields ({@code first_run}, {@code session_start},
 * {@code uninstall}: the Events API's JSON Schema gives them no fields of their own, docs/WIRE.md
 * section 3). Equality, hash and rendering follow the type and the common fields.
 */
abstract sealed class CommonOnlyEvent extends Event permits FirstRun, SessionStart, Uninstall {

  CommonOnlyEvent(EventType type, Builder<?> b) {
    super(type, b);
  }

  @Override
  public final boolean equals(Object o) {
    return this == o || (o != null && o.getClass() == getClass() && commonEquals((Event) o));
  }

  @Override
  public final int hashCode() {
    return Objects.hash(commonHashCode());
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "[" + commonToString().replaceFirst("^, ", "") + "]";
  }
}
