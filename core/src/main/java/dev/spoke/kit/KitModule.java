package dev.spoke.kit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a {@link KitFactory}'s module id on its class, so that Spoke can read it from the {@link
 * java.util.ServiceLoader} provider's type without instantiating the factory: a kit that is on the
 * classpath but not enabled then costs nothing at all, not even its factory object. Optional:
 * factories without it are instantiated (they must be cheap) to ask {@link KitFactory#moduleId()}.
 * When present, the value must equal {@link KitFactory#moduleId()}; a mismatch excludes the kit
 * with a report.
 *
 * <pre>{@code
 * @KitModule(id = 160)
 * public final class Ga4KitFactory implements KitFactory { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KitModule {
  /**
   * @return the platform's integer module id of the kit, as in the {@code id} of an {@code eks}
   *     entry
   */
  int id();
}
