package dev.spoke.internal.kit;

import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitModule;
import dev.spoke.kit.KitReport;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Not API. Finds kit factories without creating kits.
 *
 * <p>How module ids are discovered: a {@link java.util.ServiceLoader} provider whose class carries
 * {@link KitModule} is read from {@code Provider.type()} and is not instantiated until its id is
 * enabled; a provider without the annotation is instantiated once (the SPI requires factories to be
 * cheap: no I/O, no threads) to ask {@code moduleId()}. Programmatically registered factories are
 * already instances and win over a discovered factory with the same id. {@code KitFactory.create}
 * is never called here: only the manager calls it, and only for enabled ids.
 */
final class KitLoader {
  private static final String KNOWN_KITS = "known-kits.properties";

  private final Map<Integer, Candidate> candidates;
  private final Properties knownKits;
  private final Consumer<KitReport> reports;

  private KitLoader(
      Map<Integer, Candidate> candidates, Properties knownKits, Consumer<KitReport> reports) {
    this.candidates = candidates;
    this.knownKits = knownKits;
    this.reports = reports;
  }

  /**
   * @param classLoader where to look for {@code META-INF/services/dev.spoke.kit.KitFactory}, or
   *     null to skip discovery
   * @param registered factories given in code
   * @param reports receives discovery problems
   * @return the loader
   */
  public static KitLoader discover(
      ClassLoader classLoader, List<KitFactory> registered, Consumer<KitReport> reports) {
    Map<Integer, Candidate> found = new LinkedHashMap<>();
    for (KitFactory f : registered) {
      Candidate c = new Candidate(f.moduleId(), f.getClass().getName(), null, f);
      Candidate previous = found.putIfAbsent(c.moduleId, c);
      if (previous != null) {
        reports.accept(
            new KitReport(
                KitReport.Kind.FACTORY_FAILED,
                c.moduleId,
                c.className,
                "two registered factories claim module id "
                    + c.moduleId
                    + ": "
                    + previous.className
                    + " and "
                    + c.className
                    + "; using the first",
                null));
      }
    }
    if (classLoader != null) {
      discoverServices(classLoader, found, reports);
    }
    return new KitLoader(found, loadKnownKits(), reports);
  }

  private static void discoverServices(
      ClassLoader cl, Map<Integer, Candidate> found, Consumer<KitReport> reports) {
    Iterator<ServiceLoader.Provider<KitFactory>> it =
        ServiceLoader.load(KitFactory.class, cl).stream().iterator();
    // A broken services entry throws from hasNext/next; skip it and go on, but never loop forever.
    for (int guard = 0; guard < 10_000; guard++) {
      ServiceLoader.Provider<KitFactory> p;
      try {
        if (!it.hasNext()) {
          return;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        reports.accept(
            new KitReport(
                KitReport.Kind.FACTORY_FAILED,
                -1,
                null,
                "a kit factory listed in META-INF/services could not be loaded: " + e.getMessage(),
                e));
        continue;
      }
      Candidate c;
      try {
        Class<? extends KitFactory> type = p.type();
        KitModule module = type.getAnnotation(KitModule.class);
        if (module != null) {
          c = new Candidate(module.id(), type.getName(), p, null);
        } else {
          KitFactory f = p.get();
          c = new Candidate(f.moduleId(), type.getName(), null, f);
        }
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        reports.accept(
            new KitReport(
                KitReport.Kind.FACTORY_FAILED,
                -1,
                null,
                "kit factory could not be instantiated: " + e,
                e));
        continue;
      }
      Candidate previous = found.putIfAbsent(c.moduleId, c);
      if (previous != null && !previous.className.equals(c.className)) {
        reports.accept(
            new KitReport(
                KitReport.Kind.FACTORY_FAILED,
                c.moduleId,
                c.className,
                "module id "
                    + c.moduleId
                    + " is claimed by "
                    + previous.className
                    + " and "
                    + c.className
                    + "; using "
                    + previous.className,
                null));
      }
    }
  }

  private static Properties loadKnownKits() {
    Properties p = new Properties();
    try (InputStream in = KitLoader.class.getResourceAsStream(KNOWN_KITS)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // The table only improves a message; without it the generic advice is given.
    }
    return p;
  }

  /**
   * @return the module ids of every available factory, ascending (the {@code x-mp-kits} header)
   */
  public List<Integer> moduleIds() {
    return Collections.unmodifiableList(new ArrayList<>(new TreeSet<>(candidates.keySet())));
  }

  /**
   * Returns the factory for an enabled id, instantiating an annotated provider on first use.
   *
   * @param moduleId an enabled module id
   * @return the factory, or empty if none is available (or it failed to load, which is reported)
   */
  public synchronized Optional<KitFactory> factory(int moduleId) {
    Candidate c = candidates.get(moduleId);
    if (c == null) {
      return Optional.empty();
    }
    if (c.instance == null && !c.failed) {
      try {
        KitFactory f = c.provider.get();
        if (f.moduleId() != moduleId) {
          c.failed = true;
          reports.accept(
              new KitReport(
                  KitReport.Kind.FACTORY_FAILED,
                  moduleId,
                  c.className,
                  c.className
                      + " is annotated @KitModule(id = "
                      + moduleId
                      + ") but moduleId() returns "
                      + f.moduleId()
                      + "; make them equal",
                  null));
        } else {
          c.instance = f;
        }
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        c.failed = true;
        reports.accept(
            new KitReport(
                KitReport.Kind.FACTORY_FAILED,
                moduleId,
                c.className,
                "kit factory " + c.className + " could not be instantiated: " + e,
                e));
      }
    }
    return Optional.ofNullable(c.instance);
  }

  /**
   * @param moduleId an enabled id without a factory
   * @return what to tell the user: the artifact to add, or that no Spoke kit is known for it
   */
  public String unavailableMessage(int moduleId) {
    String artifact = knownKits.getProperty(Integer.toString(moduleId));
    if (artifact != null) {
      return "kit module "
          + moduleId
          + " is enabled in the workspace but not on the classpath; add the "
          + "dependency "
          + artifact.trim()
          + " to forward to it";
    }
    return "kit module "
        + moduleId
        + " is enabled in the workspace but no Spoke kit is known for that id; "
        + "see docs/KITS.md to write one";
  }

  private static final class Candidate {
    final int moduleId;
    final String className;
    final ServiceLoader.Provider<KitFactory> provider;
    KitFactory instance;
    boolean failed;

    Candidate(
        int moduleId,
        String className,
        ServiceLoader.Provider<KitFactory> provider,
        KitFactory instance) {
      this.moduleId = moduleId;
      this.className = className;
      this.provider = provider;
      this.instance = instance;
    }
  }
}
