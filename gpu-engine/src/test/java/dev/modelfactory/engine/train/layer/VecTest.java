package dev.modelfactory.engine.train.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The deterministic exp and lane sums of {@link Vec}: accuracy against StrictMath, vector = scalar bits. */
class VecTest {

    @Test
    void expIsWithinTwoUlpsOfStrictMathOverTheWholeRange() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) (r.nextDouble() * 175 - 87.3);
            float expected = (float) StrictMath.exp(x);
            float actual = Vec.exp(x);
            // below 2^-126 the result is subnormal: its ulp is fixed, so compare absolutely there
            float tolerance = 2 * Math.max(Math.ulp(expected), Float.MIN_NORMAL * 0x1p-22f);
            assertThat(Math.abs(actual - expected)).as("exp(%s)", x).isLessThanOrEqualTo(tolerance);
        }
        assertThat(Vec.exp(0f)).isEqualTo(1f);
        assertThat(Vec.exp(1f)).isCloseTo((float) Math.E, org.assertj.core.data.Offset.offset(Math.ulp((float) Math.E)));
    }

    @Test
    void expEdgeCases() {
        assertThat(Vec.exp(Float.NaN)).isNaN();
        assertThat(Vec.exp(Float.NEGATIVE_INFINITY)).isZero();
        assertThat(Vec.exp(-1000f)).isZero();
        assertThat(Vec.exp(Float.POSITIVE_INFINITY)).isFinite().isGreaterThan(1e38f);
        assertThat(Vec.exp(88f)).isCloseTo((float) StrictMath.exp(88), org.assertj.core.data.Offset.offset(1e32f));
    }

    @Test
    void vectorExpEqualsScalarExpBitForBit() {
        SplittableRandom r = new SplittableRandom(6);
        float[] x = new float[Vec.L * 4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (i % 7) {
                case 0 -> Float.NaN;
                case 1 -> (float) (r.nextDouble() * 400 - 200);
                case 2 -> Float.intBitsToFloat(r.nextInt()); // any float, inf and NaN payloads included
                default -> (float) (r.nextDouble() * 40 - 30);
            };
        }
        float[] out = new float[x.length];
        // enough calls for C2 to compile the vector path, so compiled and interpreted lanes are both compared
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < x.length; i += Vec.L) {
                Vec.exp(FloatVector.fromArray(Vec.S, x, i)).intoArray(out, i);
            }
            for (int i = 0; i < x.length; i++) {
                float expected = Vec.exp(x[i]);
                if (Float.isNaN(expected)) {
                    assertThat(out[i]).as("exp(%s)", x[i]).isNaN();
                } else {
                    assertThat(Float.floatToRawIntBits(out[i])).as("exp(%s) round %d", x[i], round)
                            .isEqualTo(Float.floatToRawIntBits(expected));
                }
            }
        }
    }

    @Test
    void lanesAreSummedInLaneOrder() {
        float[] lanes = new float[Vec.L];
        // 1e8 + 1 + ... : the order decides which small terms survive rounding
        lanes[0] = 1e8f;
        for (int i = 1; i < Vec.L; i++) {
            lanes[i] = i % 2 == 0 ? 3f : -1e8f / (Vec.L - 1);
        }
        float expected = lanes[0];
        double expectedDouble = lanes[0];
        for (int i = 1; i < Vec.L; i++) {
            expected += lanes[i];
            expectedDouble += lanes[i];
        }
        FloatVector v = FloatVector.fromArray(Vec.S, lanes, 0);
        for (int round = 0; round < 20_000; round++) {
            assertThat(Float.floatToRawIntBits(Vec.sum(v))).isEqualTo(Float.floatToRawIntBits(expected));
            assertThat(Vec.sumDouble(v)).isEqualTo(expectedDouble);
        }
    }
}
