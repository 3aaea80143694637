package dev.spoke.springboot;

import dev.spoke.SpokeOptions;

/**
 * A bean of this type adjusts the {@link SpokeOptions} built from {@code spoke.*} properties before
 * the instance is created: register a kit factory, share the app's OkHttp client, set a data plan.
 * Customizers run in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface SpokeOptionsCustomizer {
  void customize(SpokeOptions.Builder options);
}
