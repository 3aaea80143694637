package dev.spoke.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TextsTest {

  @Test
  void cleanStringsAreReturnedAsTheSameInstance() {
    String s = "plain text with \uD83D\uDE00 and \u00e9";
    assertThat(Texts.sanitize(s, false)).isSameAs(s);
    String lines = "a\tb\r\nc";
    assertThat(Texts.sanitize(lines, true)).isSameAs(lines);
    assertThat(Texts.sanitize(lines, false)).isEqualTo("abc");
  }

  @Test
  void sanitizeFixesSurrogatesAndControls() {
    assertThat(Texts.sanitize("\uD800", true)).isEqualTo("\uFFFD");
    assertThat(Texts.sanitize("a\uDC00\uD800", true)).isEqualTo("a\uFFFD\uFFFD");
    assertThat(Texts.sanitize("x\u0085y\u007f", true)).isEqualTo("xy");
    assertThat(Texts.defects("a\uDC00\u0001\n", true)).isEqualTo(2);
    assertThat(Texts.sanitizedLength("a\u0001\uD800\n", false)).isEqualTo(2);
  }

  @Test
  void numbersRenderAsPlainText() {
    assertThat(Texts.numberText(1e21)).isEqualTo("1000000000000000000000");
    assertThat(Texts.numberText(-2.5e-7)).isEqualTo("-0.00000025");
    assertThat(Texts.numberText(new AtomicLong(9))).isEqualTo("9");
    assertThat(Texts.numberText(new BigDecimal("1.50"))).isEqualTo("1.50");
    assertThat(Texts.numberText(Double.NaN)).isNull();
    assertThat(Texts.numberText(Float.NEGATIVE_INFINITY)).isNull();
    assertThat(Texts.estimatedLength(new BigDecimal("1E-5000"))).isGreaterThan(5000);
    assertThat(Texts.estimatedLength(1.0)).isEqualTo(-1);
  }

  @Test
  void plainDecimals() {
    assertThat(Texts.isPlainDecimal("-12.5")).isTrue();
    assertThat(Texts.isPlainDecimal("+3")).isTrue();
    assertThat(Texts.isPlainDecimal("1e5")).isFalse();
    assertThat(Texts.isPlainDecimal("-")).isFalse();
    assertThat(Texts.isPlainDecimal("1.2.3")).isFalse();
    assertThat(Texts.isPlainDecimal("")).isFalse();
  }

  @Test
  void saturatingArithmetic() {
    assertThat(Texts.saturatedAdd(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
    assertThat(Texts.saturatedSubtract(Long.MIN_VALUE, 1)).isEqualTo(Long.MIN_VALUE);
    assertThat(Texts.saturatedSubtract(5, 7)).isEqualTo(-2);
  }
}
