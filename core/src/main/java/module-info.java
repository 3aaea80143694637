/**
 * Spoke core: the entry point ({@code dev.spoke}), event and user value types, and the kit SPI.
 * Nothing under {@code dev.spoke.internal} is exported: it is not API and may change in any
 * release.
 *
 * <p>OkHttp is read transitively because the API names {@code OkHttpClient} ({@code
 * SpokeOptions.httpClient}, {@code KitContext.httpClient}). Its module is {@code okhttp3} in both
 * supported lines: an automatic module name in 4.12, a module descriptor in 5.x. The same jar also
 * works on the class path, where this descriptor is ignored.
 */
module dev.spoke.core {
  requires com.fasterxml.jackson.core;
  requires transitive okhttp3;
  requires org.slf4j;

  exports dev.spoke;
  exports dev.spoke.event;
  exports dev.spoke.user;
  exports dev.spoke.kit;

  // Kits are discovered with ServiceLoader (internal/kit/KitLoader): on the module path a kit
  // module
  // declares "provides dev.spoke.kit.KitFactory with ..."; on the class path, META-INF/services.
  uses dev.spoke.kit.KitFactory;
}
