using System;
using System.Text;
using System.Text.Json;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.Mutation;

/// <summary>
/// Seeded random mutations of a valid manifest — bytes flipped, deleted, duplicated or cut — read back: the reader
/// either returns a model or throws <see cref="ManifestException"/>; any other exception is a defect. Resealing
/// after the mutation gets past the checksum, so the binder and validator see the damage too. A property test in
/// the spirit of fuzzing (issue 18 item 8), not a coverage-guided fuzzer.
/// </summary>
public sealed class MutatedManifestTests
{
    private const int MutationsPerSeed = 1000;

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Only_ManifestException_escapes_the_reader(int seed, bool reseal)
    {
        var original = ManifestWriter.ToUtf8(SampleModels.AllOps());
        var random = new Random(seed);
        for (int i = 0; i < MutationsPerSeed; i++)
        {
            var mutated = Mutate(original, random);
            if (reseal)
            {
                mutated = TryReseal(mutated);
            }

            try
            {
                ManifestReader.ReadBytes(mutated, "mutated.lbq");
            }
            catch (ManifestException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, mutation {i}: {e.GetType().Name} escaped the reader: {e.Message}\n{Encoding.UTF8.GetString(mutated)}");
            }
        }
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        int at = random.Next(copy.Length);
        switch (random.Next(5))
        {
            case 0:
                copy[at] = (byte)random.Next(256);
                return copy;
            case 1:
                copy[at] = (byte)"0123456789-.eE,:[]{}\" tnf"[random.Next(25)];
                return copy;
            case 2:
                return copy.AsSpan(0, at).ToArray();
            case 3:
                int length = Math.Min(random.Next(1, 40), copy.Length - at);
                return [.. copy.AsSpan(0, at), .. copy.AsSpan(at + length)];
            default:
                int from = random.Next(copy.Length);
                int count = Math.Min(random.Next(1, 40), copy.Length - from);
                return [.. copy.AsSpan(0, at), .. copy.AsSpan(from, count), .. copy.AsSpan(at)];
        }
    }

    [Fact]
    public void Sealing_invalid_UTF8_inside_a_string_is_an_argument_error()
    {
        // Found by the mutations above: the checksum decoded the string and threw InvalidOperationException.
        var bytes = Encoding.UTF8.GetBytes("{\"name\": \"x\"}");
        bytes[10] = 0xFE;

        Assert.Throws<ArgumentException>(() => ManifestWriter.Seal(bytes));
    }

    private static byte[] TryReseal(byte[] bytes)
    {
        try
        {
            return ManifestWriter.Seal(bytes);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return bytes;
        }
    }
}
