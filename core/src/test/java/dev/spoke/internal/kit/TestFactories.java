package dev.spoke.internal.kit;

import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitModule;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Factories found through a services file written per test, with counters proving what was
 * instantiated.
 */
final class TestFactories {
  private TestFactories() {}

  /** A class loader that sees a services file listing the given factory classes. */
  static ClassLoader servicesLoader(Path dir, String... classNames) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(KitFactory.class.getName()), String.join("\n", classNames) + "\n");
    return new URLClassLoader(
        new URL[] {dir.toUri().toURL()}, TestFactories.class.getClassLoader());
  }

  abstract static class Counting implements KitFactory {
    @Override
    public String name() {
      return getClass().getSimpleName();
    }

    @Override
    public String version() {
      return "1";
    }

    @Override
    public Kit create(KitContext context) {
      creates().incrementAndGet();
      return new Kit() {};
    }

    abstract AtomicInteger creates();
  }

  @KitModule(id = 900)
  public static final class Annotated extends Counting {
    static final AtomicInteger INSTANCES = new AtomicInteger();
    static final AtomicInteger CREATES = new AtomicInteger();

    public Annotated() {
      INSTANCES.incrementAndGet();
    }

    @Override
    public int moduleId() {
      return 900;
    }

    @Override
    AtomicInteger creates() {
      return CREATES;
    }
  }

  @KitModule(id = 902)
  public static final class AnnotatedEnabled extends Counting {
    static final AtomicInteger INSTANCES = new AtomicInteger();
    static final AtomicInteger CREATES = new AtomicInteger();

    public AnnotatedEnabled() {
      INSTANCES.incrementAndGet();
    }

    @Override
    public int moduleId() {
      return 902;
    }

    @Override
    AtomicInteger creates() {
      return CREATES;
    }
  }

  public static final class Plain extends Counting {
    static final AtomicInteger INSTANCES = new AtomicInteger();
    static final AtomicInteger CREATES = new AtomicInteger();

    public Plain() {
      INSTANCES.incrementAndGet();
    }

    @Override
    public int moduleId() {
      return 901;
    }

    @Override
    AtomicInteger creates() {
      return CREATES;
    }
  }

  @KitModule(id = 903)
  public static final class Mismatch extends Counting {
    static final AtomicInteger CREATES = new AtomicInteger();

    @Override
    public int moduleId() {
      return 999;
    }

    @Override
    AtomicInteger creates() {
      return CREATES;
    }
  }
}
