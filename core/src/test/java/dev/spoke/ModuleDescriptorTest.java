package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor resolves on the module path against the libraries the class path holds (the
 * OkHttp line this build uses, Jackson, SLF4J) and exports only the API. The other tests run on the
 * class path, where the descriptor is ignored.
 */
class ModuleDescriptorTest {
  /**
   * Jars the core module needs at run time, by file-name prefix (OkHttp 4.12 / 5.x, Okio, Kotlin).
   */
  private static final List<String> RUNTIME_JARS =
      List.of("jackson-core-", "okhttp-", "okio-", "kotlin-stdlib", "annotations-", "slf4j-api-");

  @Test
  void exportsOnlyTheApiAndUsesTheKitSpi() throws Exception {
    ModuleDescriptor d =
        ModuleFinder.of(mainClasses()).find("dev.spoke.core").orElseThrow().descriptor();

    assertThat(
            d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            "dev.spoke", "dev.spoke.event", "dev.spoke.user", "dev.spoke.kit");
    assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(d.opens()).isEmpty();
    assertThat(d.uses()).containsExactly("dev.spoke.kit.KitFactory");
    assertThat(d.packages()).contains("dev.spoke.internal.capture", "dev.spoke.internal.pipeline");
    assertThat(d.packages())
        .as("test-only readers stay out of the jar")
        .allSatisfy(p -> assertThat(p).doesNotContain("test"));
    assertThat(Files.exists(mainClasses().resolve("dev/spoke/internal/json/BatchReader.class")))
        .isFalse();
  }

  @Test
  void resolvesAndLoadsOnAModuleLayer() throws Exception {
    List<Path> path = new ArrayList<>();
    path.add(mainClasses());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.endsWith(".jar") && RUNTIME_JARS.stream().anyMatch(name::startsWith))
        path.add(Path.of(entry));
    }
    ModuleFinder finder = ModuleFinder.of(path.toArray(new Path[0]));
    Configuration cf =
        ModuleLayer.boot()
            .configuration()
            .resolve(finder, ModuleFinder.of(), Set.of("dev.spoke.core"));
    ModuleLayer layer =
        ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());

    Module core = layer.findModule("dev.spoke.core").orElseThrow();
    assertThat(core.getDescriptor().requires().stream().map(ModuleDescriptor.Requires::name))
        .contains("okhttp3", "com.fasterxml.jackson.core", "org.slf4j");
    Class<?> spoke = Class.forName("dev.spoke.Spoke", true, layer.findLoader("dev.spoke.core"));
    assertThat(spoke.getModule()).isSameAs(core);
    assertThat(spoke.getField("SDK_VERSION").get(null)).isEqualTo(Spoke.SDK_VERSION);
    assertThat(core.isExported("dev.spoke.kit")).isTrue();
    assertThat(core.isExported("dev.spoke.internal.capture")).isFalse();
    // A class that needs OkHttp and SLF4J at initialization links against the layer's modules.
    Class<?> clients =
        Class.forName(
            "dev.spoke.internal.upload.HttpClients", true, layer.findLoader("dev.spoke.core"));
    assertThat(clients.getModule()).isSameAs(core);
  }

  private static Path mainClasses() {
    // Surefire runs in the module's directory; the classes are the ones this build just compiled.
    Path p = Path.of("target", "classes");
    assertThat(p.resolve("module-info.class")).exists();
    return p;
  }
}
