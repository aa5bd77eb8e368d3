package dev.switchboard.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

    private static byte[] allCodes() {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        return codes;
    }

    /** PCM16 values -32768..32767 in order, as the vectors index them (i - 32768). */
    private static short[] sweep() {
        short[] pcm = new short[65536];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (i - 32768);
        }
        return pcm;
    }

    @Test
    void muLawDecodesAll256CodesLikeItuStl() {
        short[] out = new short[256];
        MuLaw.decode(allCodes(), 0, out, 0, 256);
        assertThat(out).containsExactly(Vectors.pcm16("ulaw_decode.s16le"));
    }

    @Test
    void aLawDecodesAll256CodesLikeItuStl() {
        short[] out = new short[256];
        ALaw.decode(allCodes(), 0, out, 0, 256);
        assertThat(out).containsExactly(Vectors.pcm16("alaw_decode.s16le"));
    }

    @Test
    void muLawEncodesAll65536InputsLikeItuStl() {
        byte[] out = new byte[65536];
        MuLaw.encode(sweep(), 0, out, 0, out.length);
        assertThat(out).containsExactly(Vectors.bytes("ulaw_encode_itu.u8"));
    }

    @Test
    void aLawEncodesAll65536InputsLikeItuStl() {
        byte[] out = new byte[65536];
        ALaw.encode(sweep(), 0, out, 0, out.length);
        assertThat(out).containsExactly(Vectors.bytes("alaw_encode_itu.u8"));
    }

    @Test
    void muLawDiffersFromAudioopExactlyOnTheDocumentedNegativeBoundaries() {
        byte[] itu = new byte[65536];
        MuLaw.encode(sweep(), 0, itu, 0, itu.length);
        byte[] audioop = Vectors.bytes("ulaw_encode_audioop.u8");
        int differences = 0;
        for (int i = 0; i < itu.length; i++) {
            if (itu[i] != audioop[i]) {
                differences++;
                assertThat(i - 32768).isNegative();
            }
        }
        assertThat(differences).isEqualTo(508);
    }

    @Test
    void singleSampleFormsAgreeWithBulkForms() {
        short[] pcm = sweep();
        byte[] mu = new byte[pcm.length];
        byte[] a = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            mu[i] = MuLaw.encode(pcm[i]);
            a[i] = ALaw.encode(pcm[i]);
        }
        assertThat(mu).containsExactly(Vectors.bytes("ulaw_encode_itu.u8"));
        assertThat(a).containsExactly(Vectors.bytes("alaw_encode_itu.u8"));
        short[] muDecoded = new short[256];
        short[] aDecoded = new short[256];
        for (int code = 0; code < 256; code++) {
            muDecoded[code] = MuLaw.decode((byte) code);
            aDecoded[code] = ALaw.decode((byte) code);
        }
        assertThat(muDecoded).containsExactly(Vectors.pcm16("ulaw_decode.s16le"));
        assertThat(aDecoded).containsExactly(Vectors.pcm16("alaw_decode.s16le"));
    }

    @Test
    void encodesTheOneSecondTestSignalLikeTheReferenceFiles() {
        short[] pcm = Vectors.pcm16("test_8k_1s.s16le");
        byte[] mu = new byte[pcm.length + 10];
        byte[] a = new byte[pcm.length + 10];
        MuLaw.encode(pcm, 0, mu, 10, pcm.length);
        ALaw.encode(pcm, 0, a, 10, pcm.length);
        assertThat(java.util.Arrays.copyOfRange(mu, 10, mu.length)).containsExactly(Vectors.bytes("test_8k_1s.ulaw"));
        assertThat(java.util.Arrays.copyOfRange(a, 10, a.length)).containsExactly(Vectors.bytes("test_8k_1s.alaw"));
    }

    @Test
    void decodeThenEncodeIsIdentityOnEveryCode() {
        short[] pcm = new short[256];
        byte[] back = new byte[256];
        MuLaw.decode(allCodes(), 0, pcm, 0, 256);
        MuLaw.encode(pcm, 0, back, 0, 256);
        byte[] expectedMu = allCodes();
        expectedMu[0x7F] = (byte) 0xFF; // negative zero re-encodes as positive zero
        assertThat(back).containsExactly(expectedMu);
        ALaw.decode(allCodes(), 0, pcm, 0, 256);
        ALaw.encode(pcm, 0, back, 0, 256);
        assertThat(back).containsExactly(allCodes());
    }
}
