using System;
using System.Text;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

public sealed class TruncatedFileTests : ManifestFileTest
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void File_cut_short_is_reported_as_truncated(double keptFraction)
    {
        var bytes = ManifestWriter.ToUtf8(SampleModels.AllOps());
        var path = WriteFile(bytes.AsSpan(0, (int)(bytes.Length * keptFraction)).ToArray());

        ReadFails(path, "$", "expected the rest of the JSON document, found the end of the file");
    }

    [Fact]
    public void File_cut_inside_a_base64_payload_is_reported_as_truncated()
    {
        var text = ManifestWriter.ToJson(SampleModels.AllOps());
        int cut = text.IndexOf("\"data\": \"", StringComparison.Ordinal) + 12;
        var path = WriteFile(text.Substring(0, cut));

        var error = ReadFails(path, "$", "the file is truncated");

        Assert.Contains("line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_missing_only_its_last_brace_is_reported_as_truncated()
    {
        var text = ManifestWriter.ToJson(SampleModels.ConvFlattenLinear());
        var path = WriteFile(text.Substring(0, text.LastIndexOf('}')) + "\n");

        ReadFails(path, "$", "the file is truncated");
    }

    [Fact]
    public void Truncated_text_read_from_memory_names_the_given_path()
    {
        var text = ManifestWriter.ToJson(SampleModels.ConvFlattenLinear());

        var exception = Assert.Throws<ManifestException>(() => ManifestReader.ReadBytes(Encoding.UTF8.GetBytes(text.Substring(0, 100)), "models/mnist.lbq"));

        ErrorAssert.First(exception, "models/mnist.lbq", "$", "the file is truncated");
    }
}
