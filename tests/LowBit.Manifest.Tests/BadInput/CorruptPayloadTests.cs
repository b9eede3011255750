using System;
using System.Text;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>A byte of a base64 payload changed on disk, as bit rot or a bad copy would do.</summary>
public sealed class CorruptPayloadTests : ManifestFileTest
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(20)]
    public void Flipped_low_bit_in_weights_base64_fails_the_checksum(int offsetInPayload)
    {
        var bytes = ManifestWriter.ToUtf8(SampleModels.AllOps());
        bytes[PayloadStart(bytes) + offsetInPayload] ^= 0x01;

        ReadFails(WriteFile(bytes), "$.checksum", "expected the content to hash to sha256:");
    }

    [Fact]
    public void Flipped_high_bit_in_weights_base64_is_reported_as_invalid_utf8()
    {
        var bytes = ManifestWriter.ToUtf8(SampleModels.AllOps());
        int position = PayloadStart(bytes) + 4;
        bytes[position] ^= 0x80;

        var error = ReadFails(WriteFile(bytes), "$", "expected UTF-8 text, found the invalid byte 0x");

        int line = Encoding.ASCII.GetString(bytes, 0, position).Split('\n').Length;
        Assert.Contains($"line {line}", error.Message, StringComparison.Ordinal);
    }

    private static int PayloadStart(byte[] bytes)
    {
        var marker = Encoding.ASCII.GetBytes("\"data\": \"");
        int index = bytes.AsSpan().IndexOf(marker);
        Assert.True(index >= 0);
        return index + marker.Length;
    }
}
