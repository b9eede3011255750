using System.IO;
using System.Text;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

public sealed class EmptyFileTests : ManifestFileTest
{
    [Fact]
    public void Zero_byte_file_is_refused()
    {
        var path = WriteFile(new byte[0]);

        ReadFails(path, "$", "expected a JSON manifest object, found an empty file");
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\n")]
    [InlineData("  \r\n\t \n")]
    public void Whitespace_only_file_is_refused(string content)
    {
        var path = WriteFile(Encoding.ASCII.GetBytes(content));

        ReadFails(path, "$", "expected a JSON manifest object, found only white space");
    }

    [Fact]
    public void Byte_order_mark_only_file_is_refused_as_empty()
    {
        var path = WriteFile(new byte[] { 0xEF, 0xBB, 0xBF });

        ReadFails(path, "$", "expected a JSON manifest object, found an empty file");
    }

    [Fact]
    public void Missing_file_is_refused()
    {
        var path = PathOf("does-not-exist.lbq");
        Assert.False(File.Exists(path));

        ReadFails(path, "$", "expected a manifest file, found nothing at this path");
    }
}
