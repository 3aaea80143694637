package dev.spoke.internal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitLoaderTest {
  @TempDir Path dir;

  final List<KitReport> reports = new CopyOnWriteArrayList<>();

  @Test
  void readsAnnotatedIdsWithoutInstantiatingAndNeverCreatesKits() throws Exception {
    int annotatedBefore = TestFactories.Annotated.INSTANCES.get();
    int enabledBefore = TestFactories.AnnotatedEnabled.INSTANCES.get();
    int plainBefore = TestFactories.Plain.INSTANCES.get();
    ClassLoader cl =
        TestFactories.servicesLoader(
            dir,
            TestFactories.Annotated.class.getName(),
            TestFactories.AnnotatedEnabled.class.getName(),
            TestFactories.Plain.class.getName());

    KitLoader loader = KitLoader.discover(cl, List.of(), reports::add);

    assertThat(loader.moduleIds()).containsExactly(900, 901, 902);
    assertThat(TestFactories.Annotated.INSTANCES.get() - annotatedBefore).isZero();
    assertThat(TestFactories.AnnotatedEnabled.INSTANCES.get() - enabledBefore).isZero();
    // Without the annotation the factory must be asked for its id: instantiated once, never
    // created.
    assertThat(TestFactories.Plain.INSTANCES.get() - plainBefore).isEqualTo(1);

    KitFactory f = loader.factory(902).orElseThrow();
    assertThat(f).isInstanceOf(TestFactories.AnnotatedEnabled.class);
    assertThat(loader.factory(902).orElseThrow()).isSameAs(f);
    assertThat(TestFactories.AnnotatedEnabled.INSTANCES.get() - enabledBefore).isEqualTo(1);
    assertThat(TestFactories.Annotated.INSTANCES.get() - annotatedBefore).isZero();
    assertThat(reports).isEmpty();
  }

  @Test
  void registeredFactoriesWinAndUnknownIdsAreEmpty() throws Exception {
    KitFactory mine =
        new KitFactory() {
          @Override
          public int moduleId() {
            return 900;
          }

          @Override
          public String name() {
            return "mine";
          }

          @Override
          public String version() {
            return "1";
          }

          @Override
          public Kit create(KitContext context) {
            return new Kit() {};
          }
        };
    ClassLoader cl = TestFactories.servicesLoader(dir, TestFactories.Annotated.class.getName());
    KitLoader loader = KitLoader.discover(cl, List.of(mine), reports::add);
    assertThat(loader.factory(900)).containsSame(mine);
    assertThat(loader.factory(12345)).isEmpty();
    assertThat(reports).extracting(KitReport::kind).containsExactly(KitReport.Kind.FACTORY_FAILED);
  }

  @Test
  void brokenServiceEntriesAndMismatchedIdsAreReportedNotThrown() throws Exception {
    ClassLoader cl =
        TestFactories.servicesLoader(
            dir,
            "no.such.Factory",
            TestFactories.Mismatch.class.getName(),
            TestFactories.Plain.class.getName());
    KitLoader loader = KitLoader.discover(cl, List.of(), reports::add);
    assertThat(loader.moduleIds()).containsExactly(901, 903);
    assertThat(loader.factory(903)).isEmpty();
    assertThat(loader.factory(903)).isEmpty();
    assertThat(reports)
        .extracting(KitReport::kind)
        .containsExactly(KitReport.Kind.FACTORY_FAILED, KitReport.Kind.FACTORY_FAILED);
    assertThat(reports.get(0).message()).contains("no.such.Factory");
    assertThat(reports.get(1).message()).contains("903").contains("999");
  }

  @Test
  void unavailableIdsNameTheArtifactOrPointToTheDocs() {
    KitLoader loader = KitLoader.discover(null, List.of(), reports::add);
    assertThat(loader.unavailableMessage(160)).contains("dev.spoke:spoke-kit-ga4");
    assertThat(loader.unavailableMessage(77))
        .contains("no Spoke kit is known")
        .contains("docs/KITS.md");
  }
}
