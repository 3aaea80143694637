package dev.spoke.internal.validate;

import dev.spoke.ServiceLimits;
import dev.spoke.SpokeValidationException;
import dev.spoke.ValidationIssue;
import dev.spoke.ValidationRule;
import dev.spoke.event.UserAttributeChange;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Not API. One user's attributes, kept within the platform's limits (WIRE.md sections 2 and 4).
 *
 * <p>A value is a String (scalars: numbers and booleans are stored as their wire text), an
 * unmodifiable {@code List<String>}, or null for a tag; insertion order is kept. Every operation
 * validates its input and either applies it, returning the {@link Change}, or refuses it, reporting
 * the broken rule and returning null (null is also returned for a no-op). Reserved {@code $...}
 * names are plain names here.
 *
 * <p>This class holds the state and the limits over all of a user's attributes (count, total wire
 * size, scalar/list kind); the checks of one name or value on its own are {@link
 * AttributeValues}'s.
 *
 * <p>Not thread-safe: the caller guards each instance with its own lock (one lock per user), held
 * only for the duration of one operation. Outside strict mode no operation throws.
 */
public final class UserAttributeState {
  private final ServiceLimits limits;
  private final Reporter reporter;
  private final AttributeValues values;
  private final Map<String, Object> attributes = new LinkedHashMap<>();
  private final Set<String> deleted = new LinkedHashSet<>();

  /**
   * What {@link #attributes} take on the wire, the member around them included (upper bound); kept
   * within {@link #wireBudget}.
   */
  private long wireBytes = AttributeValues.MEMBER_BYTES;

  /**
   * Half a batch: every attribute may be within its own limit (1,000 entries of 512 chars…) and the
   * sum still fill the 128 KB batch that carries the user's events, after which each event would be
   * dropped as too large. Checking the total here, when an attribute is set, keeps the user
   * deliverable and reports the refusal on the call that caused it.
   */
  private final long wireBudget;

  /**
   * @param limits the limits to enforce
   * @param strict true to throw {@link SpokeValidationException} instead of refusing and reporting
   * @param sink receives each refusal or fix; its exceptions are swallowed
   */
  public UserAttributeState(ServiceLimits limits, boolean strict, Consumer<ValidationIssue> sink) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.reporter = new Reporter(strict, sink);
    this.values = new AttributeValues(this.limits, reporter);
    this.wireBudget = limits.batchMaxBytes() / 2;
  }

  /**
   * Sets a scalar attribute. A String, Number or Boolean is stored as wire text; a Collection is
   * treated as {@link #setList}; null makes the attribute a tag.
   *
   * @return the change, or null when refused or when the value is unchanged
   */
  public Change set(String name, Object value) {
    if (value instanceof List) {
      return setList(name, (List<?>) value);
    }
    if (value instanceof Collection) {
      List<?> copy;
      try {
        // Arrays.asList keeps null entries, so that setList reports them as invalid values.
        copy = Arrays.asList(((Collection<?>) value).toArray());
      } catch (RuntimeException concurrentlyModified) {
        return guarded(
            name,
            () -> {
              reporter.report(ValidationRule.USER_ATTRIBUTE_VALUE_INVALID, name, 0, 0, null);
              return null;
            });
      }
      return setList(name, copy);
    }
    return guarded(
        name,
        () -> {
          String n = values.name(name);
          if (n == null) {
            return null;
          }
          if (value == null) {
            return put(n, null);
          }
          String text = values.value(n, value);
          return text == null ? null : put(n, text);
        });
  }

  /**
   * Sets a list attribute: each entry a String, Number or Boolean stored as wire text.
   *
   * @return the change, or null when refused or when the list is unchanged
   */
  public Change setList(String name, List<?> list) {
    return guarded(
        name,
        () -> {
          String n = values.name(name);
          if (n == null) {
            return null;
          }
          List<String> texts = values.list(n, list);
          return texts == null ? null : put(n, texts);
        });
  }

  /**
   * Adds {@code delta} to a numeric attribute (decimal arithmetic on its text, so no precision is
   * lost); an absent attribute starts at the delta. A tag, a list or a non-numeric value is
   * refused.
   *
   * @return the change, or null when refused or when the value is unchanged
   */
  public Change increment(String name, Number delta) {
    return guarded(
        name,
        () -> {
          String n = values.name(name);
          if (n == null) {
            return null;
          }
          String deltaText = delta == null ? null : values.value(n, delta);
          if (deltaText == null) {
            if (delta == null) {
              reporter.report(ValidationRule.USER_ATTRIBUTE_VALUE_INVALID, n, 0, 0, null);
            }
            return null;
          }
          if (!attributes.containsKey(n)) {
            return put(n, deltaText);
          }
          Object current = attributes.get(n);
          if (current instanceof List) {
            reporter.report(ValidationRule.USER_ATTRIBUTE_TYPE_CHANGED, n, 0, 0, null);
            return null;
          }
          if (current == null || !Texts.isPlainDecimal((String) current)) {
            reporter.report(ValidationRule.USER_ATTRIBUTE_NOT_NUMERIC, n, 0, 0, null);
            return null;
          }
          String sum =
              new BigDecimal((String) current).add(new BigDecimal(deltaText)).toPlainString();
          int max = limits.userAttributeValueMaxChars();
          if (sum.length() > max) {
            reporter.report(
                ValidationRule.USER_ATTRIBUTE_VALUE_TOO_LONG, n, sum.length(), max, null);
            return null;
          }
          return put(n, sum);
        });
  }

  /**
   * Makes the attribute a tag (a name without a value). @return the change, or null when refused or
   * already a tag
   */
  public Change tag(String name) {
    return set(name, null);
  }

  /**
   * Removes an attribute and remembers its name for {@link #deleted()}.
   *
   * @return the change, or null when the name is invalid or the attribute is absent
   */
  public Change remove(String name) {
    return guarded(
        name,
        () -> {
          String n = values.name(name);
          if (n == null || !attributes.containsKey(n)) {
            return null;
          }
          Object old = attributes.remove(n);
          wireBytes -= AttributeValues.entryBytes(n, old);
          deleted.add(n);
          return new Change(n, old, null, true, false);
        });
  }

  /**
   * @return an immutable copy of the attributes in insertion order (values: String, List or null)
   */
  public Map<String, Object> snapshot() {
    return attributes.isEmpty()
        ? Collections.emptyMap()
        : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /**
   * @return the number of attributes held
   */
  public int size() {
    return attributes.size();
  }

  /**
   * @return the names removed since the last {@link #drainDeleted()}, unmodifiable
   */
  public Set<String> deleted() {
    return deleted.isEmpty()
        ? Collections.emptySet()
        : Collections.unmodifiableSet(new LinkedHashSet<>(deleted));
  }

  /**
   * @return the names removed since the last call, which forgets them
   */
  public Set<String> drainDeleted() {
    Set<String> out = deleted();
    deleted.clear();
    return out;
  }

  // ---- internals ------------------------------------------------------------------------------

  private interface Operation {
    Change run();
  }

  /**
   * Runs one operation; outside strict mode an unexpected failure refuses it rather than throwing.
   */
  private Change guarded(String name, Operation op) {
    try {
      return op.run();
    } catch (SpokeValidationException strictFailure) {
      throw strictFailure;
    } catch (RuntimeException defect) {
      reporter.report(ValidationRule.USER_ATTRIBUTE_VALUE_INVALID, name, 0, 0, null);
      return null;
    }
  }

  /**
   * Applies a validated value: enforces the scalar/list rule and the attribute count, skips no-ops.
   */
  private Change put(String name, Object value) {
    boolean exists = attributes.containsKey(name);
    Object old = attributes.get(name);
    if (exists) {
      if (Objects.equals(old, value)) {
        return null;
      }
      // A tag (null) has no kind yet; only a real scalar/list switch is refused.
      if (old != null && value != null && (old instanceof List) != (value instanceof List)) {
        reporter.report(ValidationRule.USER_ATTRIBUTE_TYPE_CHANGED, name, 0, 0, null);
        return null;
      }
    } else if (attributes.size() >= limits.userAttributesPerUser()) {
      reporter.report(
          ValidationRule.TOO_MANY_USER_ATTRIBUTES,
          name,
          attributes.size() + 1L,
          limits.userAttributesPerUser(),
          null);
      return null;
    }
    long oldBytes = exists ? AttributeValues.entryBytes(name, old) : 0;
    long newBytes = AttributeValues.entryBytes(name, value);
    long total = wireBytes - oldBytes + newBytes;
    if (total > wireBudget && newBytes > oldBytes) {
      reporter.report(ValidationRule.USER_ATTRIBUTES_TOO_LARGE, name, total, wireBudget, null);
      return null;
    }
    wireBytes = total;
    attributes.put(name, value);
    deleted.remove(name);
    return new Change(name, old, value, false, !exists);
  }

  /**
   * One applied change of one attribute, as the platform's {@code user_attribute_change} event
   * describes it.
   *
   * @param name the attribute name (sanitized)
   * @param oldValue the previous value (String, List, or null for a new attribute or a tag)
   * @param newValue the new value (String, List, or null when removed or for a tag)
   * @param deleted true if the attribute was removed
   * @param isNew true if the attribute did not exist before
   */
  public record Change(
      String name, Object oldValue, Object newValue, boolean deleted, boolean isNew) {

    /**
     * @return a {@code user_attribute_change} event describing this change (timestamp and id to be
     *     filled)
     */
    public UserAttributeChange toEvent() {
      return UserAttributeChange.builder(name)
          .oldValue(oldValue)
          .newValue(newValue)
          .deleted(deleted)
          .newAttribute(isNew)
          .build();
    }

    @Override
    public String toString() {
      return "Change[name="
          + name
          + ", old="
          + oldValue
          + ", new="
          + newValue
          + ", deleted="
          + deleted
          + ", isNew="
          + isNew
          + "]";
    }
  }
}
