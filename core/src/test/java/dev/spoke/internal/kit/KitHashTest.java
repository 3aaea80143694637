package dev.spoke.internal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class KitHashTest {

  @Test
  void matchesEveryTestVectorOfTheWireReference() {
    assertThat(KitHash.hash("1button click")).isEqualTo(-2018143797);
    assertThat(KitHash.hash("1")).isEqualTo(49);
    assertThat(KitHash.hash("1Button Clickcolor")).isEqualTo(-802421640);
    assertThat(KitHash.hash("0home")).isEqualTo(47537423);
    assertThat(KitHash.hash("email")).isEqualTo(96619420);
    assertThat(KitHash.hash("16")).isEqualTo(1573);
    assertThat(KitHash.hash("1location_collection")).isEqualTo(-324077161);
    assertThat(KitHash.hash("2data_sale_opt_out")).isEqualTo(-575335347);
    assertThat(KitHash.hash("1ab")).isEqualTo(50194);
  }

  @Test
  void nullAndEmptyHashToZero() {
    assertThat(KitHash.hash(null)).isZero();
    assertThat(KitHash.hash("")).isZero();
  }

  @Test
  void ignoresTheHostDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(new Locale("tr", "TR"));
      // With a Turkish default, "I".toLowerCase() would be a dotless i and change the hash.
      assertThat(KitHash.hash("1BUTTON CLICK")).isEqualTo(-2018143797);
      assertThat(KitHash.hash("EMAIL")).isEqualTo(96619420);
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Property(tries = 200)
  void isCaseInsensitiveForAscii(
      @ForAll @CharRange(from = ' ', to = '~') @StringLength(max = 40) String s) {
    assertThat(KitHash.hash(s.toUpperCase(Locale.ROOT)))
        .isEqualTo(KitHash.hash(s.toLowerCase(Locale.ROOT)));
  }

  @Test
  void isThe31PolynomialOverLowerCasedUtf16Units() {
    String s = "1Ab\u00e9\ud83d\ude00";
    int h = 0;
    for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
      h = 31 * h + c;
    }
    assertThat(KitHash.hash(s)).isEqualTo(h);
  }
}
