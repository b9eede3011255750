using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

public sealed class WrongChecksumTests : ManifestFileTest
{
    [Fact]
    public void Well_formed_but_wrong_checksum_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root["checksum"] = "sha256:" + new string('0', 64), seal: false);

        var error = FileFails(json, "$.checksum", "expected the content to hash to sha256:");

        Assert.Contains("expected the content to hash to sha256:" + new string('0', 64), error.Message, System.StringComparison.Ordinal);
        Assert.Contains("found sha256:", error.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("md5:0123456789abcdef0123456789abcdef")]
    [InlineData("")]
    public void Malformed_checksum_is_refused(string checksum)
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root["checksum"] = checksum, seal: false);

        FileFails(json, "$.checksum", "expected \"sha256:\" followed by 64 lowercase hex digits");
    }

    [Fact]
    public void Uppercase_hex_checksum_is_refused()
    {
        var json = JsonEdit.Edit(
            SampleModels.ConvFlattenLinear(),
            root => root["checksum"] = root["checksum"]!.GetValue<string>().ToUpperInvariant().Replace("SHA256:", "sha256:"),
            seal: false);

        FileFails(json, "$.checksum", "64 lowercase hex digits");
    }

    [Fact]
    public void Missing_checksum_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Remove("checksum"), seal: false);

        FileFails(json, "$.checksum", "expected member \"checksum\"");
    }
}
