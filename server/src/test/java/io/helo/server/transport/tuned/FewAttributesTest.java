package io.helo.server.transport.tuned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.DefaultIoSessionDataStructureFactory;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.session.IoSessionAttributeMap;
import org.junit.jupiter.api.Test;

class FewAttributesTest {
    private static final IoSession SESSION = new DummySession();
    /** Keys as sessions use them (shared constants), and a string equal but not identical to another. */
    private static final List<Object> KEYS = List.of(new AttributeKey(FewAttributesTest.class, "a"),
            new AttributeKey(FewAttributesTest.class, "b"), "c", new String("c"), "d");
    private static final List<Object> VALUES = List.of("x", "y", 7);

    /** One call on a map, its result as a string to compare. */
    private record Call(int op, int key, int value, int other) {
        String on(IoSessionAttributeMap map) {
            Object k = KEYS.get(key);
            Object v = value < VALUES.size() ? VALUES.get(value) : null;
            Object o = other < VALUES.size() ? VALUES.get(other) : null;
            return switch (op) {
                case 0 -> "get " + map.getAttribute(SESSION, k, null);
                case 1 -> "get-or-set " + map.getAttribute(SESSION, k, v);
                case 2 -> "set " + map.setAttribute(SESSION, k, v);
                case 3 -> "set-if-absent " + map.setAttributeIfAbsent(SESSION, k, v);
                case 4 -> "remove " + map.removeAttribute(SESSION, k);
                case 5 -> "remove-if " + map.removeAttribute(SESSION, k, v);
                case 6 -> "replace " + map.replaceAttribute(SESSION, k, v, o);
                case 7 -> "contains " + map.containsAttribute(SESSION, k);
                default -> "keys " + map.getAttributeKeys(SESSION);
            };
        }
    }

    @Property
    void shouldAnswerEverySequenceOfCallsAsMinasOwnMapDoes(@ForAll("calls") List<Call> calls) throws Exception {
        IoSessionAttributeMap mina = new DefaultIoSessionDataStructureFactory().getAttributeMap(SESSION);
        IoSessionAttributeMap few = new FewAttributes();
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (Call call : calls) {
            expected.add(call.on(mina));
            actual.add(call.on(few));
        }

        assertThat(actual).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<Call>> calls() {
        Arbitrary<Integer> values = Arbitraries.integers().between(0, VALUES.size()); // the last: null
        return Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0,
                KEYS.size() - 1), values, values).as(Call::new).list().ofMaxSize(30);
    }

    @Test
    void shouldRefuseANullKeyAsMinasMapDoes() {
        FewAttributes few = new FewAttributes();

        assertThatThrownBy(() -> few.setAttribute(SESSION, null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> few.getAttribute(SESSION, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(few.replaceAttribute(SESSION, null, "x", "y")).isFalse();
    }

    @Test
    void shouldBeTheMapOfTheTunedAcceptorsSessions() throws Exception {
        assertThat(new SessionData().getAttributeMap(SESSION)).isInstanceOf(FewAttributes.class);
        assertThat(new SessionData().getWriteRequestQueue(SESSION).isEmpty(SESSION)).isTrue();
    }
}
