// core/lib/wav/wav_io.cc: EncodeAudioAsS16LEWav (TF 1.15): a 44-byte RIFF/WAVE header and 16-bit PCM samples.
import { InvalidArgumentError } from "../errors";

/** wav_io.cc: FloatToInt16Sample: round(x * 2^15), clamped to int16. */
export function floatToInt16Sample(x: number): number {
  const scaled = Math.fround(x * 32768);
  // roundf rounds halves away from zero.
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
  return Math.min(Math.max(rounded, -32768), 32767);
}

/** `numFrames` frames of `numChannels` interleaved float samples as a 16-bit little-endian PCM WAV. */
export function encodeWav(audio: ArrayLike<number>, sampleRate: number, numChannels: number, numFrames: number) {
  const rate = sampleRate; // an integer: the kernel passes lrintf(sample_rate)
  if (rate <= 0 || rate > 0xffffffff) {
    throw new InvalidArgumentError(`sample_rate must be in (0, 2^32), got: ${rate}`);
  }
  if (numChannels <= 0 || numChannels > 0xffff) {
    throw new InvalidArgumentError(`num_channels must be in (0, 2^16), got: ${numChannels}`);
  }
  if (numFrames <= 0) throw new InvalidArgumentError("num_frames must be positive.");
  const numSamples = numFrames * numChannels;
  const dataSize = numSamples * 2;
  if (44 + dataSize > 0xffffffff) {
    throw new InvalidArgumentError("Provided channels and frames cannot be encoded as a WAV.");
  }
  const out = new Uint8Array(44 + dataSize);
  const view = new DataView(out.buffer);
  const ascii = (pos: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[pos + i] = s.charCodeAt(i);
  };
  ascii(0, "RIFF");
  view.setUint32(4, out.length - 8, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, numChannels, true);
  view.setUint32(24, rate, true);
  // TF 1.15 writes bytes_per_second as sample_rate * 2, whatever the channel count (fixed in later releases).
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2 * numChannels, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, dataSize, true);
  for (let i = 0; i < numSamples; i++) view.setInt16(44 + 2 * i, floatToInt16Sample(audio[i]), true);
  return out;
}
