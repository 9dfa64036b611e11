/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.metadata.keys.KeyLayout;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Group ids of any characters map to distinct, decodable, nesting-free keys. */
class GroupKeyProperties {
  private final KeyLayout keys = KeyLayout.defaults();

  @Property(tries = 500)
  void groupKeysDecodeToTheirGroupId(@ForAll("groupIds") String id) {
    assertThat(keys.groupIdOfGroupKey(keys.group(id))).isEqualTo(id);
    assertThat(keys.groupIdOfOffsetsKey(keys.offsets(id, "orders"))).isEqualTo(id);
    assertThat(keys.topicOfOffsetsKey(keys.offsets(id, "orders"))).isEqualTo("orders");
  }

  @Property(tries = 500)
  void escapedGroupIdsArePrintableAsciiWithoutSlashes(@ForAll("groupIds") String id) {
    String escaped = KeyLayout.escapeGroupId(id);
    assertThat(escaped).doesNotContain("/").matches("[\\x21-\\x7E]+");
  }

  @Property(tries = 500)
  void oneGroupsOffsetsPrefixNeverCoversAnotherGroupsKeys(
      @ForAll("groupIds") String a, @ForAll("groupIds") String b) {
    if (a.equals(b)) {
      return;
    }
    assertThat(keys.offsets(b, "t")).doesNotStartWith(keys.offsetsPrefix(a));
    assertThat(keys.group(a)).isNotEqualTo(keys.group(b));
  }

  @Example
  void shouldRefuseKeysThatEscapingCannotProduce() {
    for (String bad : new String[] {"a%2f", "%41", "a%2", "%ZZ", "%C3", "é", "a b", ""}) {
      assertThatThrownBy(() -> KeyLayout.unescapeGroupId(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Example
  void shouldRefuseAnUnpairedSurrogate() {
    assertThatThrownBy(() -> KeyLayout.escapeGroupId("a\uD800b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Provide
  Arbitrary<String> groupIds() {
    Arbitrary<String> tricky =
        Arbitraries.strings()
            .withChars('a', 'b', '/', '%', '2', 'F', ' ', 'é', '\n')
            .ofMinLength(1)
            .ofMaxLength(8);
    Arbitrary<String> unicode =
        Arbitraries.strings()
            .all()
            .ofMinLength(1)
            .ofMaxLength(20)
            .filter(s -> s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF));
    return Arbitraries.oneOf(tricky, unicode);
  }
}
