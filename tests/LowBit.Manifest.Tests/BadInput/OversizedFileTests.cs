using System.IO;
using System.Text;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>A file far larger than any manifest is refused by its size, before it is read.</summary>
public sealed class OversizedFileTests : ManifestFileTest
{
    [Fact]
    public void File_of_200_MB_is_refused_before_reading()
    {
        var path = PathOf("huge.lbq");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            stream.SetLength(200L * 1024 * 1024); // sparse: nothing is written
        }

        var error = ReadFails(path, "$", "expected at most 128 MiB for a manifest");

        // Had the reader parsed the content, it would have complained about JSON instead.
        Assert.Contains("found a file of 200 MiB", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Limit_can_be_lowered_by_the_caller()
    {
        var path = WriteFile(ManifestWriter.ToJson(SampleModels.ConvFlattenLinear()));
        long size = new FileInfo(path).Length;

        var exception = Assert.Throws<ManifestException>(() => ManifestReader.ReadFile(path, maxFileBytes: size - 1));

        ErrorAssert.First(exception, path, "$", $"expected at most {size - 1} bytes for a manifest, found a file of {size} bytes");
        Assert.NotNull(ManifestReader.ReadFile(path, maxFileBytes: size));
    }

    [Fact]
    public void Text_over_the_limit_is_refused_without_encoding_it()
    {
        var text = new StringBuilder().Append(' ', 4096).ToString();

        var exception = Assert.Throws<ManifestException>(() => ManifestReader.ReadText(text, "generator/input.lbq", maxFileBytes: 1024));

        ErrorAssert.First(exception, "generator/input.lbq", "$", "expected at most 1024 bytes for a manifest, found a file of 4096 bytes");
    }
}
