using System.Text;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>Files that are not manifests at all.</summary>
public sealed class NotAManifestTests : ManifestFileTest
{
    [Theory]
    [InlineData("garbage, not a manifest", "'g' is an invalid start of a value")]
    [InlineData("true story", "line 1, column")]
    [InlineData("{\"format\": lowbit}", "line 1")]
    [InlineData("{\"a\": 1,, \"b\": 2}", "line 1")]
    public void Text_that_is_not_JSON_is_refused(string content, string detail)
    {
        var error = FileFails(content, "$", "expected valid JSON, found a syntax error");

        Assert.Contains(detail, error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_garbage_is_refused()
    {
        // The start of a PNG file.
        var path = WriteFile(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00 });

        ReadFails(path, "$", "expected UTF-8 text, found the invalid byte 0x89 at line 1, column 1");
    }

    [Theory]
    [InlineData("[1, 2, 3]", "an array")]
    [InlineData("\"lowbit\"", "\"lowbit\"")]
    [InlineData("42", "42")]
    [InlineData("null", "null")]
    public void JSON_that_is_not_an_object_is_refused(string content, string found)
    {
        FileFails(content, "$", $"expected a JSON object, found {found}");
    }

    [Fact]
    public void Object_of_another_kind_is_refused()
    {
        FileFails("{\"name\": \"package\", \"version\": \"1.0.0\"}", "$.format", "expected member \"format\", found no such member");
    }

    [Fact]
    public void Deeply_nested_JSON_is_refused()
    {
        var text = new string('[', 100) + new string(']', 100);

        FileFails(text, "$", "expected valid JSON");
    }

    [Fact]
    public void Manifest_after_a_byte_order_mark_is_read()
    {
        var model = SampleModels.ConvFlattenLinear();
        var bytes = Encoding.UTF8.GetPreamble();
        var path = WriteFile([.. bytes, .. ManifestWriter.ToUtf8(model)]);

        ManifestAssert.Equal(model, ManifestReader.ReadFile(path));
    }
}
